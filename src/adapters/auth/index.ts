export { createCognitoVerifier } from './cognito-verifier.js';
export { createTokenVerifier, type TokenVerifierConfig } from './create-token-verifier.js';
export { createFirebaseVerifier } from './firebase-verifier.js';
export { JoseTokenVerifier } from './jose-token-verifier.js';
export { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from './local-issuer.js';
