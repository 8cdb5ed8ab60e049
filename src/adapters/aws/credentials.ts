/** AWS's standard variables as a process has them (a Lambda function is given its keys so). */
export type AwsEnvironment = Readonly<Record<string, string | undefined>>;

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working; absent for long-lived keys. */
  expiration?: Date;
}

/** The credentials to sign the next attempt with; cheap when they are known and fresh. */
export type CredentialSource = () => Promise<AwsCredentials>;

/**
 * The key of local endpoints (dynalite accepts any signature; the local gateway's default is this one): a fixed
 * key also spares a slow search of the default credential chain.
 */
export const LOCAL_CREDENTIALS: AwsCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Temporary credentials are renewed this long before they expire, as the SDK does. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * What the clients of ours that sign their own requests (DynamoDB's, the push client) sign with: the given
 * credentials, else the environment's (what Lambda gives a function), else the SDK's own provider
 * chain (profiles, SSO, container and instance roles) for a developer's machine. The chain is imported only
 * then: it is ~100 KB a function in AWS never needs.
 */
export function credentialSource(given: AwsCredentials | undefined, env: AwsEnvironment): CredentialSource {
  const fixed = given ?? environmentCredentials(env);
  if (fixed) {
    const answer = Promise.resolve(fixed);
    return () => answer;
  }
  return fromProviderChain();
}

/** The keys in the environment, as Lambda gives them to a function; none unless both halves are set. */
export function environmentCredentials(env: AwsEnvironment): AwsCredentials | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The SDK's default chain, asked once and again only when its credentials near their expiration. */
function fromProviderChain(): CredentialSource {
  let chain: (() => Promise<AwsCredentials>) | undefined;
  let current: Promise<AwsCredentials> | undefined;
  let expiresAt = Number.POSITIVE_INFINITY;
  return () => {
    if (!current || Date.now() >= expiresAt - REFRESH_BEFORE_MS) {
      expiresAt = Number.POSITIVE_INFINITY;
      current = (async () => {
        if (!chain) {
          const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
          chain = defaultProvider();
        }
        const credentials = await chain();
        if (credentials.expiration) expiresAt = credentials.expiration.getTime();
        return credentials;
      })();
      // A failed lookup is not remembered: the next call asks the chain again.
      current.catch(() => {
        current = undefined;
      });
    }
    return current;
  };
}
