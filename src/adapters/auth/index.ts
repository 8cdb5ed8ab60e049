export { type CognitoVerifierOptions, createCognitoVerifier } from './cognito-verifier.js';
export { createTokenVerifier, type TokenVerifierConfig } from './create-token-verifier.js';
export { createFirebaseVerifier, type FirebaseVerifierOptions } from './firebase-verifier.js';
export { JoseTokenVerifier, type JoseTokenVerifierOptions } from './jose-token-verifier.js';
export { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, type LocalIssuerOptions } from './local-issuer.js';
