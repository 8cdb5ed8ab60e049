import { randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

/** How the smoke suite gets a signed-in user, and gets rid of it afterwards. */
export interface SmokeSignIn {
  /** Creates the user and signs in; resolves to an ID token the API accepts and says what it did. */
  signIn(): Promise<{ token: string; detail: string }>;
  /** Deletes whatever `signIn` created and says so; null when it had created nothing. */
  cleanUp(): Promise<string | null>;
}

export interface CognitoSmokeUserOptions {
  client: CognitoIdentityProviderClient;
  userPoolId: string;
  /** The stack's smoke app client (ALLOW_ADMIN_USER_PASSWORD_AUTH), the `SmokeClientId` output. */
  clientId: string;
}

/**
 * A throwaway user of a managed pool, made with Cognito's admin APIs (so no email is sent and no code
 * confirmed): created with a verified address on a reserved domain, given a random permanent password,
 * signed in through the smoke client. `cleanUp` deletes it whatever happened in between.
 */
export function cognitoSmokeUser({ client, userPoolId, clientId }: CognitoSmokeUserOptions): SmokeSignIn {
  const suffix = randomBytes(6).toString('hex');
  // `.invalid` can never receive mail (RFC 2606), and the prefix makes a leftover easy to spot in the pool.
  const username = `blogapp-smoke-${suffix}@smoke.invalid`;
  let created = false;
  return {
    async signIn() {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: username },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Smoke test' },
          ],
        }),
      );
      created = true;
      const password = smokePassword();
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: username,
          Password: password,
          Permanent: true,
        }),
      );
      const answer = await client.send(
        new AdminInitiateAuthCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: password },
        }),
      );
      const token = answer.AuthenticationResult?.IdToken;
      if (!token) {
        throw new Error(
          `Cognito answered the smoke sign-in with ${answer.ChallengeName ?? 'no ID token'}: check that client ${clientId} allows ALLOW_ADMIN_USER_PASSWORD_AUTH`,
        );
      }
      return { token, detail: `throwaway user ${username} created and signed in through client ${clientId}` };
    },

    async cleanUp() {
      if (!created) return null;
      await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
      created = false;
      return `user ${username} deleted`;
    },
  };
}

/** Random, and meeting any Cognito password policy: every character class, well over the minimum length. */
function smokePassword(): string {
  return `Sm0ke-${randomBytes(18).toString('base64url')}-aA1!`;
}
