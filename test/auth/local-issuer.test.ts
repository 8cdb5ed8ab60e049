import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from '../../src/adapters/auth/index.js';
import { UnauthorizedError } from '../../src/domain/shared/errors.js';
import { unsignedToken } from './jwks-server.js';

const names = { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE };

describe('LocalIssuer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-issuer-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('issues tokens its verifier accepts', async () => {
    const issuer = await LocalIssuer.open(names);
    const token = await issuer.issue({ userId: 'alice', name: 'Alice' });
    expect(await issuer.verifier().verify(token)).toEqual({ userId: 'alice', name: 'Alice' });
  });

  it('keeps its key in a private file and reuses it on the next start', async () => {
    const keyFile = join(dir, 'nested', 'key.json');
    const first = await LocalIssuer.open({ ...names, keyFile });
    const token = await first.issue({ userId: 'bob' });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const second = await LocalIssuer.open({ ...names, keyFile });
    expect(await second.verifier().verify(token)).toEqual({ userId: 'bob' });
    expect(second.jwks()).toEqual(first.jwks());
  });

  it('publishes only the public key', async () => {
    const [jwk] = (await LocalIssuer.open(names)).jwks().keys;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
  });

  it.each([
    ['from another local issuer', async () => (await LocalIssuer.open(names)).issue({ userId: 'mallory' })],
    ['expired', async (i: LocalIssuer) => i.issue({ userId: 'alice', ttlSeconds: -60 })],
    [
      'unsigned',
      async () => unsignedToken({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'alice', iat: 1, exp: 4e9 }),
    ],
  ])('refuses a token %s', async (_name, make) => {
    const issuer = await LocalIssuer.open(names);
    await expect(issuer.verifier().verify(await make(issuer))).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
