import type { TokenVerifier } from '../../domain/auth/actor.js';
import { createCognitoVerifier } from './cognito-verifier.js';
import { createFirebaseVerifier } from './firebase-verifier.js';
import type { LocalIssuer } from './local-issuer.js';

/** Which identity provider's ID tokens the app accepts. */
export type TokenVerifierConfig =
  | { provider: 'firebase'; projectId: string }
  | { provider: 'cognito'; region: string; userPoolId: string; clientIds: readonly string[] }
  | { provider: 'local'; issuer: LocalIssuer };

/**
 * The verifier for the configured identity provider, built on the first token it sees: anonymous reads,
 * most of a blog's traffic, then never pay for it at cold start.
 */
export function createTokenVerifier(
  config: TokenVerifierConfig,
  options: { fetch?: typeof globalThis.fetch | undefined } = {},
): TokenVerifier {
  let verifier: TokenVerifier | undefined;
  return {
    verify: (token) => {
      verifier ??= verifierFor(config, options.fetch);
      return verifier.verify(token);
    },
  };
}

function verifierFor(config: TokenVerifierConfig, fetch: typeof globalThis.fetch | undefined): TokenVerifier {
  switch (config.provider) {
    case 'firebase':
      // Only the fields the contract names: test-only overrides can never arrive through configuration.
      return createFirebaseVerifier({ projectId: config.projectId, fetch });
    case 'cognito':
      return createCognitoVerifier({
        region: config.region,
        userPoolId: config.userPoolId,
        clientId: config.clientIds,
        fetch,
      });
    case 'local':
      return config.issuer.verifier();
  }
}
