import { generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCognitoVerifier,
  createFirebaseVerifier,
  type JoseTokenVerifier,
} from '../../src/adapters/auth/index.js';
import { KeySetUnavailableError, remoteJwks } from '../../src/adapters/auth/remote-jwks.js';
import { UnauthorizedError } from '../../src/domain/shared/errors.js';
import {
  hmacWithPublicKey,
  now,
  rsaKey,
  type SigningKey,
  serveJwks,
  serveNothing,
  serveOutage,
  sign,
  type TestServer,
  unsignedToken,
} from './jwks-server.js';

const PROJECT = 'blogapp-test';
const FIREBASE_ISSUER = `https://securetoken.google.com/${PROJECT}`;
const REGION = 'eu-west-1';
const POOL = 'eu-west-1_AbC123';
const CLIENT = '4h3b2c1d0e9f8g7h6i5j4k3l2m';
const COGNITO_ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${POOL}`;

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
    sub: '7d8e9f0a-1b2c-3d4e-5f6a-7b8c9d0e1f2a',
    aud: CLIENT,
    email_verified: true,
    token_use: 'id',
    auth_time: t - 60,
    iss: COGNITO_ISSUER,
    'cognito:username': 'grace',
    exp: t + 3600,
    iat: t - 10,
    email: 'grace@example.com',
    origin_jti: 'b3b6f2c4-0d1e-4f5a-8b9c-origin',
    event_id: 'e1f0a2b3-event',
    jti: 'a9d8c7b6-jti',
    ...overrides,
  };
}

/** Claims shaped like a real Cognito access token: no `aud`, the client in `client_id`. */
function cognitoAccessClaims(): JWTPayload {
  const {
    aud: _aud,
    email: _email,
    'cognito:username': _user,
    email_verified: _v,
    ...rest
  } = cognitoClaims();
  return {
    ...rest,
    token_use: 'access',
    client_id: CLIENT,
    scope: 'aws.cognito.signin.user.admin',
    username: 'grace',
  };
}

let key: SigningKey;
let sameKidOtherKey: SigningKey;
let unknownKidKey: SigningKey;
let jwks: TestServer;

beforeAll(async () => {
  key = await rsaKey('key-1');
  sameKidOtherKey = await rsaKey('key-1');
  unknownKidKey = await rsaKey('key-unknown');
  jwks = await serveJwks([key]);
});
afterAll(() => jwks.close());

const providers = [
  {
    provider: 'Firebase',
    claims: firebaseClaims,
    make: (jwksUrl: string) => createFirebaseVerifier({ projectId: PROJECT, jwksUrl }),
  },
  {
    provider: 'Cognito',
    claims: cognitoClaims,
    make: (jwksUrl: string) =>
      createCognitoVerifier({ region: REGION, userPoolId: POOL, clientId: CLIENT, jwksUrl }),
  },
];

describe.each(providers.map((p) => [p.provider, p] as const))(
  '%s ID tokens',
  (_provider, { claims, make }) => {
    let verifier: JoseTokenVerifier;
    beforeAll(() => {
      verifier = make(jwks.url);
    });

    const t = now();
    it.each<[string, () => Promise<string>]>([
      ['expired', () => sign(key, claims({ exp: t - 60, iat: t - 3700 }))],
      ['not yet valid (nbf in the future)', () => sign(key, claims({ nbf: t + 600 }))],
      ['issued in the future (iat)', () => sign(key, claims({ iat: t + 600 }))],
      ['from another issuer', () => sign(key, claims({ iss: 'https://issuer.example.com/other' }))],
      ['for another audience', () => sign(key, claims({ aud: 'someone-else' }))],
      ['signed by another key with the same kid', () => sign(sameKidOtherKey, claims())],
      ['signed by a key with an unknown kid', () => sign(unknownKidKey, claims())],
      ['unsigned (alg: none)', async () => unsignedToken(claims(), 'key-1')],
      ['HS256 keyed with the public key (algorithm confusion)', () => hmacWithPublicKey(key, claims())],
      ['signed with ES256, an algorithm not allowed', () => signEs256(claims(), 'key-1')],
      ['without a subject', () => sign(key, claims({ sub: undefined }))],
      ['with an empty subject', () => sign(key, claims({ sub: '' }))],
      ['with a subject over 128 characters', () => sign(key, claims({ sub: 'u'.repeat(129) }))],
      ['with a numeric subject', () => sign(key, claims({ sub: 42 as unknown as string }))],
      ['without an expiry', () => sign(key, claims({ exp: undefined }))],
      ['over 8 KiB', () => sign(key, claims({ padding: 'x'.repeat(9000) }))],
      ['that is an empty string', async () => ''],
      ['that is garbage', async () => 'not-a-jwt'],
      ['of three garbage segments', async () => 'a.b.c'],
      ['with a JSON header that is not base64url', async () => '{"alg":"RS256"}.e30.sig'],
      ['with a tampered payload', async () => tamper(await sign(key, claims()), { sub: 'someone-else' })],
    ])('refuses a token %s with UnauthorizedError', async (_name, makeToken) => {
      // Prepare
      const token = await makeToken();
      // Act
      const outcome = verifier.verify(token);
      // Assess
      await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
    });

    it('says an expired token has expired, keeps the reason as cause, and names nothing internal', async () => {
      // Prepare
      const token = await sign(key, claims({ exp: now() - 60, iat: now() - 3700 }));
      // Act
      const error = await verifier.verify(token).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect(error).toMatchObject({ code: 'unauthorized', message: 'The token has expired.' });
      expect((error as Error).cause).toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    });

    it('refuses an oversize token before parsing it', async () => {
      // Prepare
      const token = `${'a'.repeat(8 * 1024)}.b.c`;
      // Act
      const error = await verifier.verify(token).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ code: 'unauthorized', message: 'The token is too large.' });
    });
  },
);

describe('Firebase ID tokens', () => {
  let firebase: JoseTokenVerifier;
  beforeAll(() => {
    firebase = createFirebaseVerifier({ projectId: PROJECT, jwksUrl: jwks.url });
  });

  it('accepts a valid token and reads the identity from sub, name and email', async () => {
    // Prepare
    const token = await sign(key, firebaseClaims());
    // Act
    const identity = await firebase.verify(token);
    // Assess
    expect(identity).toEqual({ userId: 'fb-user-1', name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('leaves out name and email when the token has none (anonymous or phone sign-in)', async () => {
    // Prepare
    const token = await sign(
      key,
      firebaseClaims({ name: undefined, email: undefined, phone_number: '+1555' }),
    );
    // Act
    const identity = await firebase.verify(token);
    // Assess
    expect(identity).toEqual({ userId: 'fb-user-1' });
  });

  it.each<[string, JWTPayload]>([
    ['with auth_time in the future', { auth_time: now() + 600 }],
    ['without auth_time', { auth_time: undefined }],
    ['with a string auth_time', { auth_time: '1700000000' }],
  ])('refuses a token %s', async (_name, overrides) => {
    // Prepare
    const token = await sign(key, firebaseClaims(overrides));
    // Act
    const outcome = firebase.verify(token);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('Cognito ID tokens', () => {
  let cognito: JoseTokenVerifier;
  beforeAll(() => {
    cognito = createCognitoVerifier({
      region: REGION,
      userPoolId: POOL,
      clientId: CLIENT,
      jwksUrl: jwks.url,
    });
  });

  it('accepts a valid ID token, naming the user by cognito:username when there is no name', async () => {
    // Prepare
    const token = await sign(key, cognitoClaims());
    // Act
    const identity = await cognito.verify(token);
    // Assess
    expect(identity).toEqual({
      userId: '7d8e9f0a-1b2c-3d4e-5f6a-7b8c9d0e1f2a',
      name: 'grace',
      email: 'grace@example.com',
    });
  });

  it('prefers the name claim over cognito:username', async () => {
    // Prepare
    const token = await sign(key, cognitoClaims({ name: 'Grace Hopper' }));
    // Act
    const identity = await cognito.verify(token);
    // Assess
    expect(identity.name).toBe('Grace Hopper');
  });

  it.each<[string, () => JWTPayload]>([
    ['an access token (token_use access)', cognitoAccessClaims],
    ['an access token that also carries aud', () => ({ ...cognitoAccessClaims(), aud: CLIENT })],
    ['an ID token without token_use', () => cognitoClaims({ token_use: undefined })],
    ['an ID token of another app client', () => cognitoClaims({ aud: 'another-client-id' })],
    [
      'an ID token of another user pool',
      () => cognitoClaims({ iss: `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_Other` }),
    ],
  ])('refuses %s', async (_name, claims) => {
    // Prepare
    const token = await sign(key, claims());
    // Act
    const outcome = cognito.verify(token);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('the JWKS endpoint', () => {
  it('is fetched once and cached, not on every verification', async () => {
    // Prepare
    const server = await serveJwks([key]);
    const verifier = createFirebaseVerifier({ projectId: PROJECT, jwksUrl: server.url });
    // Act
    await verifier.verify(await sign(key, firebaseClaims()));
    await verifier.verify(await sign(key, firebaseClaims()));
    await verifier.verify(await sign(unknownKidKey, firebaseClaims())).catch(() => undefined);
    // Assess: the unknown kid did not trigger a refetch inside the cooldown either
    expect(server.hits).toBe(1);
    await server.close();
  });

  it('refuses, quickly, when nothing listens there', async () => {
    // Prepare
    const server = await serveJwks([key]);
    await server.close();
    const verifier = createFirebaseVerifier({ projectId: PROJECT, jwksUrl: server.url });
    const started = Date.now();
    // Act
    const error = await verifier.verify(await sign(key, firebaseClaims())).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ message: 'The token could not be verified.' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses as "could not be verified", not "not valid", when the endpoint answers an error', async () => {
    const server = await serveOutage([key]);
    const verifier = createCognitoVerifier({
      region: REGION,
      userPoolId: POOL,
      clientId: CLIENT,
      jwksUrl: server.url,
    });
    const error = await verifier.verify(await sign(key, cognitoClaims())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ message: 'The token could not be verified.' });
    await server.close();
  });

  it('backs off after a failed fetch instead of fetching again per request, and recovers', async () => {
    // Prepare: a clock of the test's own, so the back-off is stepped through, not waited for
    const server = await serveOutage([key]);
    let clock = 1_000_000;
    const getKey = remoteJwks(server.url, { now: () => clock });
    const header = { alg: 'RS256', kid: key.kid };
    const attempt = () =>
      Promise.resolve(getKey(header, { payload: '', signature: '' })).catch((e: unknown) => e);
    const attempts = async (n: number) => {
      for (let i = 0; i < n; i++) expect(await attempt()).toBeInstanceOf(KeySetUnavailableError);
    };
    // Act + Assess: 30 requests during an outage cost one fetch, not 30
    await attempts(30);
    expect(server.hits).toBe(1);
    // One more fetch a second later; it fails too, so the next waits 2 s
    clock += 1_000;
    await attempts(30);
    expect(server.hits).toBe(2);
    clock += 1_999;
    await attempts(1);
    expect(server.hits).toBe(2);
    clock += 1;
    await attempts(1);
    expect(server.hits).toBe(3);
    // The endpoint is back: the next fetch after the back-off gets the keys, which are then kept
    server.down = false;
    clock += 4_000;
    expect(await attempt()).not.toBeInstanceOf(Error);
    server.down = true;
    expect(await attempt()).not.toBeInstanceOf(Error);
    expect(server.hits).toBe(4);
    await server.close();
  });

  it('refuses within a few seconds when it accepts the connection and never answers', async () => {
    // Prepare
    const server = await serveNothing();
    const verifier = createCognitoVerifier({
      region: REGION,
      userPoolId: POOL,
      clientId: CLIENT,
      jwksUrl: server.url,
    });
    const started = Date.now();
    // Act
    const error = await verifier.verify(await sign(key, cognitoClaims())).catch((e: unknown) => e);
    // Assess
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ message: 'The token could not be verified.' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.hits).toBe(1);
    await server.close();
  });
});

/** A token from an EC key, under the kid of the published RSA key: outside the RS256 allow-list. */
async function signEs256(claims: JWTPayload, kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey);
}

/** Swaps in a different payload and keeps the original signature. */
function tamper(token: string, claims: JWTPayload): string {
  const [header, payload, signature] = token.split('.');
  const original = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as JWTPayload;
  const forged = Buffer.from(JSON.stringify({ ...original, ...claims })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}
