import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenVerifier,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  LocalIssuer,
} from '../../src/adapters/auth/index.js';
import { UnauthorizedError } from '../../src/domain/shared/errors.js';
import { now, unsignedToken } from './jwks-server.js';

const names = { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE };

describe('LocalIssuer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-issuer-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('issues tokens its verifier accepts, with the identity inside', async () => {
    // Prepare
    const issuer = await LocalIssuer.open(names);
    // Act
    const token = await issuer.issue({ userId: 'alice', name: 'Alice' });
    // Assess
    expect(await issuer.verifier().verify(token)).toEqual({ userId: 'alice', name: 'Alice' });
  });

  it('signs ES256 tokens with kid, iss, aud, sub, iat, exp and name, valid for 12 hours by default', async () => {
    // Prepare
    const issuer = await LocalIssuer.open(names);
    // Act
    const token = await issuer.issue({ userId: 'alice', name: 'Alice' });
    // Assess
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    expect(header).toEqual({ alg: 'ES256', kid: issuer.jwks().keys[0]?.kid, typ: 'JWT' });
    expect(claims).toMatchObject({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'alice', name: 'Alice' });
    expect(Math.abs((claims.iat ?? 0) - now())).toBeLessThanOrEqual(2);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 3600);
  });

  it('keeps its key in a 0600 file, creating the folder, and reuses it on the next start', async () => {
    // Prepare
    const keyFile = join(dir, 'nested', '.data', 'local-issuer-key.json');
    const first = await LocalIssuer.open({ ...names, keyFile });
    const token = await first.issue({ userId: 'bob' });
    // Act
    const second = await LocalIssuer.open({ ...names, keyFile });
    // Assess
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(keyFile, 'utf8'))).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
    });
    expect(await second.verifier().verify(token)).toEqual({ userId: 'bob' });
    expect(second.jwks()).toEqual(first.jwks());
  });

  it('reads a key file in the early {kid, privateJwk, publicJwk} shape, keeping its kid', async () => {
    // Prepare
    const keyFile = join(dir, 'early.json');
    const current = await LocalIssuer.open({ ...names, keyFile: join(dir, 'current.json') });
    const privateJwk = JSON.parse(await readFile(join(dir, 'current.json'), 'utf8'));
    const { d: _d, ...publicJwk } = privateJwk;
    await writeFile(keyFile, JSON.stringify({ kid: 'local-1234', privateJwk, publicJwk }), { mode: 0o600 });
    // Act
    const early = await LocalIssuer.open({ ...names, keyFile });
    // Assess
    expect(early.jwks().keys[0]).toMatchObject({ kid: 'local-1234', x: current.jwks().keys[0]?.x });
    expect(await early.verifier().verify(await early.issue({ userId: 'dave' }))).toEqual({ userId: 'dave' });
  });

  it('refuses to start over a key file it cannot read, rather than replace it', async () => {
    // Prepare
    const keyFile = join(dir, 'corrupt.json');
    await writeFile(keyFile, '{"not":"a key"}');
    // Act
    const opening = LocalIssuer.open({ ...names, keyFile });
    // Assess
    await expect(opening).rejects.toThrow(/delete it to make a new one/);
    expect(await readFile(keyFile, 'utf8')).toBe('{"not":"a key"}');
  });

  it('publishes only the public key', async () => {
    // Prepare
    const issuer = await LocalIssuer.open(names);
    // Act
    const { keys } = issuer.jwks();
    // Assess
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it.each<[string, (issuer: LocalIssuer) => Promise<string>]>([
    [
      'from another local issuer (another key)',
      async () => (await LocalIssuer.open(names)).issue({ userId: 'mallory' }),
    ],
    ['that has expired', (issuer) => issuer.issue({ userId: 'alice', ttlSeconds: -60 })],
    [
      'for another audience',
      async () => (await LocalIssuer.open({ ...names, audience: 'elsewhere' })).issue({ userId: 'alice' }),
    ],
    [
      'that is unsigned (alg: none)',
      async (issuer) =>
        unsignedToken(
          { iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'alice', iat: now(), exp: now() + 60 },
          issuer.jwks().keys[0]?.kid,
        ),
    ],
  ])('refuses a token %s', async (_name, makeToken) => {
    // Prepare
    const issuer = await LocalIssuer.open(names);
    const token = await makeToken(issuer);
    // Act
    const outcome = issuer.verifier().verify(token);
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('createTokenVerifier', () => {
  it("uses the local issuer's own verifier for the local provider", async () => {
    // Prepare
    const issuer = await LocalIssuer.open(names);
    // Act
    const verifier = createTokenVerifier({ provider: 'local', issuer });
    // Assess
    expect(await verifier.verify(await issuer.issue({ userId: 'carol' }))).toEqual({ userId: 'carol' });
  });

  it.each([
    { provider: 'firebase' as const, projectId: 'p' },
    { provider: 'cognito' as const, region: 'eu-west-1', userPoolId: 'eu-west-1_X', clientIds: ['c'] },
  ])(
    'builds the $provider verifier on first use, refusing a malformed token before any key fetch',
    async (config) => {
      // Arrange: a fetch that fails the test if the verifier reaches for the provider's keys.
      const fetched: string[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = async (input) => {
        fetched.push(String(input));
        throw new Error('no network in this test');
      };
      try {
        // Act
        const verifier = createTokenVerifier(config);
        const refusal = verifier.verify('not-a-jwt');
        // Assess
        await expect(refusal).rejects.toMatchObject({ code: 'unauthorized' });
        expect(fetched).toEqual([]);
      } finally {
        globalThis.fetch = realFetch;
      }
    },
  );
});
