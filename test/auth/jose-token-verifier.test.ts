import { createLocalJWKSet, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JoseTokenVerifier, type JoseTokenVerifierOptions } from '../../src/adapters/auth/index.js';
import { UnauthorizedError } from '../../src/domain/shared/errors.js';
import { now, rsaKey, type SigningKey, sign } from './jwks-server.js';

const ISSUER = 'https://issuer.example.com';
const AUDIENCE = 'client-1';

let key: SigningKey;
let options: JoseTokenVerifierOptions;

beforeAll(async () => {
  key = await rsaKey('k1');
  options = {
    issuer: ISSUER,
    audience: AUDIENCE,
    jwks: createLocalJWKSet({ keys: [key.publicJwk] }),
    algorithms: ['RS256'],
  };
});

function claims(overrides: JWTPayload = {}): JWTPayload {
  const t = now();
  return { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: t, exp: t + 600, ...overrides };
}

describe('JoseTokenVerifier', () => {
  it.each([[['none']], [['HS256']], [['RS256', 'hs512']], [[]]])(
    'refuses to be built with algorithms %j',
    (algorithms) => {
      // Act
      const build = () => new JoseTokenVerifier({ ...options, algorithms });
      // Assess
      expect(build).toThrow(/asymmetric algorithms only/);
    },
  );

  it('reads name and email only when they are non-empty strings', async () => {
    // Prepare
    const verifier = new JoseTokenVerifier(options);
    const token = await sign(key, claims({ name: 42, email: '' }));
    // Act
    const identity = await verifier.verify(token);
    // Assess
    expect(identity).toEqual({ userId: 'user-1' });
  });

  it('tolerates a few seconds of clock skew', async () => {
    // Prepare
    const verifier = new JoseTokenVerifier(options);
    const token = await sign(key, claims({ iat: now() + 2, nbf: now() + 2 }));
    // Act
    const identity = await verifier.verify(token);
    // Assess
    expect(identity.userId).toBe('user-1');
  });

  it('refuses a token whose required claim has another value', async () => {
    // Prepare
    const verifier = new JoseTokenVerifier({ ...options, requiredClaims: { token_use: 'id' } });
    const token = await sign(key, claims({ token_use: 'access' }));
    // Act
    const outcome = verifier.verify(token);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('matches the audience against the client-id claim when one is named', async () => {
    // Prepare
    const verifier = new JoseTokenVerifier({ ...options, clientIdClaim: 'client_id' });
    const ours = await sign(key, claims({ aud: undefined, client_id: AUDIENCE }));
    const theirs = await sign(key, claims({ aud: undefined, client_id: 'client-2' }));
    // Act
    const identity = await verifier.verify(ours);
    const outcome = verifier.verify(theirs);
    // Assess
    expect(identity.userId).toBe('user-1');
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a token older than a day even if it has not expired', async () => {
    // Prepare
    const verifier = new JoseTokenVerifier(options);
    const token = await sign(key, claims({ iat: now() - 25 * 3600, exp: now() + 3600 }));
    // Act
    const outcome = verifier.verify(token);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
