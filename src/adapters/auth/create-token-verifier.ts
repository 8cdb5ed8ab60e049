import type { TokenVerifier } from '../../domain/auth/actor.js';
import { createCognitoVerifier } from './cognito-verifier.js';
import { createFirebaseVerifier } from './firebase-verifier.js';
import type { LocalIssuer } from './local-issuer.js';

export type TokenVerifierConfig =
  | { provider: 'firebase'; projectId: string }
  | { provider: 'cognito'; region: string; userPoolId: string; clientId: string }
  | { provider: 'local'; issuer: LocalIssuer };

/** The verifier for the configured identity provider. */
export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  switch (config.provider) {
    case 'firebase':
      return createFirebaseVerifier(config);
    case 'cognito':
      return createCognitoVerifier(config);
    case 'local':
      return config.issuer.verifier();
  }
}
