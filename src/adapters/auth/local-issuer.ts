import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { JoseTokenVerifier } from './jose-token-verifier.js';

export const LOCAL_ISSUER = 'blogapp-local';
export const LOCAL_AUDIENCE = 'blogapp-local';
const DEFAULT_TTL_SECONDS = 12 * 60 * 60;

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The built-in issuer of `local`: an ES256 key pair made once and kept in the data dir (so tokens survive
 * restarts), signing tokens for `POST /api/dev/token` and publishing its JWKS. Never used outside `local`.
 */
export class LocalIssuer {
  private constructor(
    private readonly key: StoredKey,
    private readonly privateKey: Awaited<ReturnType<typeof importJWK>>,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  /** Opens the key at `keyFile` (created on first use), or an ephemeral key when no file is given. */
  static async open(options: { keyFile?: string; issuer: string; audience: string }): Promise<LocalIssuer> {
    const key = (options.keyFile && (await readKey(options.keyFile))) || (await newKey());
    if (options.keyFile) await writeKey(options.keyFile, key);
    return new LocalIssuer(key, await importJWK(key.privateJwk, 'ES256'), options.issuer, options.audience);
  }

  async issue(input: { userId: string; name?: string; ttlSeconds?: number }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(input.name ? { name: input.name } : {})
      .setProtectedHeader({ alg: 'ES256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(input.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS))
      .sign(this.privateKey);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.key.publicJwk, kid: this.key.kid, alg: 'ES256', use: 'sig' }] };
  }

  verifier(): JoseTokenVerifier {
    return new JoseTokenVerifier({
      issuer: this.issuer,
      audience: this.audience,
      jwks: createLocalJWKSet(this.jwks()),
      algorithms: ['ES256'],
    });
  }
}

async function newKey(): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return {
    kid: `local-${crypto.randomUUID().slice(0, 8)}`,
    privateJwk: await exportJWK(privateKey),
    publicJwk,
  };
}

async function readKey(file: string): Promise<StoredKey | undefined> {
  try {
    const key = JSON.parse(await readFile(file, 'utf8')) as StoredKey;
    return key.kid && key.privateJwk?.d && key.publicJwk?.x ? key : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`The local issuer key ${file} is unreadable; delete it to make a new one.`, {
      cause: error,
    });
  }
}

async function writeKey(file: string, key: StoredKey): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(key), { mode: 0o600 });
}
