import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../src/adapters/auth/local-issuer.js';

/**
 * A token signed with the local issuer key a stack keeps in `dataDir`, with whatever claims a test needs
 * (a subject the dev-token route would refuse, no name, an email): what a provider could send.
 */
export async function localIssuerToken(dataDir: string, claims: JWTPayload): Promise<string> {
  const jwk = JSON.parse(await readFile(join(dataDir, 'local-issuer-key.json'), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 600, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .sign(await importJWK(jwk, 'ES256'));
}
