import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCognitoVerifier,
  createFirebaseVerifier,
  type JoseTokenVerifier,
} from '../../src/adapters/auth/index.js';
import { UnauthorizedError } from '../../src/domain/shared/errors.js';
import {
  hmacWithPublicKey,
  now,
  rsaKey,
  type SigningKey,
  serveJwks,
  sign,
  unsignedToken,
} from './jwks-server.js';

const PROJECT = 'blogapp-test';
const FIREBASE_ISSUER = `https://securetoken.google.com/${PROJECT}`;
const POOL = 'eu-west-1_AbC123';
const CLIENT = 'client-abc';
const COGNITO_ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;

/** Claims shaped like a real Firebase ID token. */
function firebaseClaims(overrides: JWTPayload = {}): JWTPayload {
  const t = now();
  return {
    iss: FIREBASE_ISSUER,
    aud: PROJECT,
    auth_time: t - 60,
    user_id: 'fb-user-1',
    sub: 'fb-user-1',
    iat: t - 10,
    exp: t + 3600,
    email: 'ada@example.com',
    email_verified: true,
    name: 'Ada Lovelace',
    firebase: { identities: { email: ['ada@example.com'] }, sign_in_provider: 'password' },
    ...overrides,
  };
}

/** Claims shaped like a real Cognito ID token. */
function cognitoClaims(overrides: JWTPayload = {}): JWTPayload {
  const t = now();
  return {
    sub: 'c0gn1t0-user',
    aud: CLIENT,
    email_verified: true,
    token_use: 'id',
    auth_time: t - 60,
    iss: COGNITO_ISSUER,
    'cognito:username': 'grace',
    exp: t + 3600,
    iat: t - 10,
    email: 'grace@example.com',
    origin_jti: 'b3b6f2c4-origin',
    event_id: 'e1f0-event',
    jti: 'a9d8-jti',
    ...overrides,
  };
}

describe('token verification against a JWKS on loopback', () => {
  let key: SigningKey;
  let otherKey: SigningKey;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  let firebase: JoseTokenVerifier;
  let cognito: JoseTokenVerifier;

  beforeAll(async () => {
    key = await rsaKey('key-1');
    otherKey = await rsaKey('key-1'); // same kid, different key: a forged signature
    jwks = await serveJwks([key]);
    firebase = createFirebaseVerifier({ projectId: PROJECT, jwksUrl: jwks.url });
    cognito = createCognitoVerifier({
      region: 'eu-west-1',
      userPoolId: POOL,
      clientId: CLIENT,
      jwksUrl: jwks.url,
    });
  });
  afterAll(() => jwks.close());

  it('accepts a Firebase ID token and reads the identity', async () => {
    expect(await firebase.verify(await sign(key, firebaseClaims()))).toEqual({
      userId: 'fb-user-1',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
  });

  it('accepts a Cognito ID token, naming the user by cognito:username', async () => {
    expect(await cognito.verify(await sign(key, cognitoClaims()))).toEqual({
      userId: 'c0gn1t0-user',
      name: 'grace',
      email: 'grace@example.com',
    });
  });

  const t = now();
  it.each<[string, () => Promise<string>]>([
    ['expired', () => sign(key, firebaseClaims({ exp: t - 60, iat: t - 3700 }))],
    ['not yet valid (nbf in the future)', () => sign(key, firebaseClaims({ nbf: t + 600 }))],
    ['issued in the future', () => sign(key, firebaseClaims({ iat: t + 600 }))],
    ['from another issuer', () => sign(key, firebaseClaims({ iss: 'https://securetoken.google.com/other' }))],
    ['for another audience', () => sign(key, firebaseClaims({ aud: 'other-project' }))],
    ['signed by another key with the same kid', () => sign(otherKey, firebaseClaims())],
    ['signed with an unknown kid', async () => sign(await rsaKey('unknown-kid'), firebaseClaims())],
    ['unsigned (alg: none)', async () => unsignedToken(firebaseClaims())],
    ['HS256 keyed with the public key', () => hmacWithPublicKey(key, firebaseClaims())],
    ['without a subject', () => sign(key, firebaseClaims({ sub: undefined }))],
    ['with an empty subject', () => sign(key, firebaseClaims({ sub: '' }))],
    ['with auth_time in the future', () => sign(key, firebaseClaims({ auth_time: t + 600 }))],
    ['without auth_time', () => sign(key, firebaseClaims({ auth_time: undefined }))],
    ['over 8 KiB', () => sign(key, firebaseClaims({ padding: 'x'.repeat(9000) }))],
    ['garbage', async () => 'not-a-jwt'],
    ['three garbage segments', async () => 'a.b.c'],
  ])('refuses a Firebase token %s with UnauthorizedError', async (_name, token) => {
    await expect(firebase.verify(await token())).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it.each<[string, JWTPayload]>([
    ['access token (token_use access)', { token_use: 'access' }],
    ['for another app client', { aud: 'other-client' }],
    ['from another user pool', { iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }],
  ])('refuses a Cognito %s', async (_name, overrides) => {
    await expect(cognito.verify(await sign(key, cognitoClaims(overrides)))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('says an expired token has expired, and nothing internal', async () => {
    const error = await firebase
      .verify(await sign(key, firebaseClaims({ exp: t - 60 })))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unauthorized', message: 'The token has expired.' });
  });

  it('refuses, quickly, when the JWKS endpoint is down', async () => {
    const down = createFirebaseVerifier({ projectId: PROJECT, jwksUrl: 'http://127.0.0.1:1/jwks.json' });
    const started = Date.now();
    await expect(down.verify(await sign(key, firebaseClaims()))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
