import {
  type CognitoIdentityProviderClient,
  CreateManagedLoginBrandingCommand,
  DescribeManagedLoginBrandingByClientCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StackOutputs } from '../engines/engine.js';
import type { Progress } from '../progress.js';

/** Cognito's managed login brandings, by user pool and app client. */
export interface LoginBrandings {
  exists(userPoolId: string, clientId: string): Promise<boolean>;
  create(userPoolId: string, clientId: string): Promise<void>;
}

export function sdkLoginBrandings(client: CognitoIdentityProviderClient): LoginBrandings {
  return {
    async exists(userPoolId, clientId) {
      try {
        await client.send(
          new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
        );
        return true;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return false;
        throw error;
      }
    },
    async create(userPoolId, clientId) {
      await client.send(
        new CreateManagedLoginBrandingCommand({
          UserPoolId: userPoolId,
          ClientId: clientId,
          UseCognitoProvidedValues: true,
        }),
      );
    },
  };
}

/**
 * Managed login (version 2) shows its pages only to clients with a branding, and the AWS provider Terraform
 * pins (5.100) has no resource for one (the SAM template's WebAppClientLoginBranding): the deploy gives the
 * web client Cognito's default branding once. A stack without its own pool is left alone.
 */
export async function ensureLoginBranding(
  outputs: StackOutputs,
  brandings: LoginBrandings,
  progress: Progress,
): Promise<void> {
  const { UserPoolId: userPoolId, WebClientId: clientId } = outputs;
  if (!userPoolId || !clientId) return progress.note('no user pool in this stack: nothing to brand');
  if (await brandings.exists(userPoolId, clientId)) return progress.note('the web client has its branding');
  await brandings.create(userPoolId, clientId);
  progress.note(`the web client ${clientId} gets Cognito's default managed login branding`);
}
