import type { AwsEnvironment } from './endpoint.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When temporary credentials stop working; absent for long-lived keys. */
  expiration?: Date;
}

/** The credentials to sign the next attempt with; cheap when they are known and fresh. */
export type CredentialSource = () => Promise<AwsCredentials>;

/** Temporary credentials are renewed this long before they expire, as the SDK does. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * The given credentials, else the environment's (what Lambda gives a function), else the SDK's own provider
 * chain (profiles, SSO, container and instance roles) for a developer's machine. The chain is imported only
 * then: it is ~100 KB a function in AWS never needs.
 */
export function credentialSource(given: AwsCredentials | undefined, env: AwsEnvironment): CredentialSource {
  const fixed = given ?? fromEnvironment(env);
  if (fixed) {
    const answer = Promise.resolve(fixed);
    return () => answer;
  }
  return fromProviderChain();
}

function fromEnvironment(env: AwsEnvironment): AwsCredentials | undefined {
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
