import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { createLocalJWKSet } from 'jose/jwks/local';
import { SignJWT } from 'jose/jwt/sign';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { importJWK } from 'jose/key/import';
import { readIfPresent } from '../local-disk/read-if-present.js';
import { JoseTokenVerifier } from './jose-token-verifier.js';

export const LOCAL_ISSUER = 'blogapp-local';
export const LOCAL_AUDIENCE = 'blogapp-local';
const ALG = 'ES256';
const DEFAULT_TTL_SECONDS = 12 * 60 * 60;

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export interface LocalIssuerOptions {
  /** Where the private key lives as JWK JSON; undefined = an in-memory key for this process only (tests). */
  keyFile?: string;
  issuer: string;
  audience: string;
}

/**
 * The built-in issuer of `local`: an ES256 key pair made once and kept in the data dir, so tokens survive
 * restarts. Signs the tokens of `POST /api/dev/token` and publishes the public half as a JWKS.
 */
export class LocalIssuer {
  private cachedVerifier?: JoseTokenVerifier;

  private constructor(
    private readonly publicJwk: JWK,
    private readonly signingKey: SigningKey,
    private readonly options: LocalIssuerOptions,
  ) {}

  /** Opens the key in `keyFile` (made on first use, mode 0600), or an ephemeral key when there is no file. */
  static async open(options: LocalIssuerOptions): Promise<LocalIssuer> {
    const privateJwk = options.keyFile ? await loadOrCreateKey(options.keyFile) : await newKey();
    const { d: _private, ...publicJwk } = privateJwk;
    return new LocalIssuer(publicJwk, await importJWK(privateJwk, ALG), options);
  }

  /** A signed token whose subject is `userId`, valid for `ttlSeconds` (12 h by default). */
  async issue(input: { userId: string; name?: string; ttlSeconds?: number }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(input.name === undefined ? {} : { name: input.name })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid as string, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(input.userId)
      .setIssuedAt(now)
      .setExpirationTime(now + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS))
      .sign(this.signingKey);
  }

  /** The public key set, as served at `/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** A verifier that accepts this issuer's tokens only (ES256, its own key, issuer and audience). */
  verifier(): JoseTokenVerifier {
    this.cachedVerifier ??= new JoseTokenVerifier({
      issuer: this.options.issuer,
      audience: this.options.audience,
      jwks: createLocalJWKSet(this.jwks()),
      algorithms: [ALG],
    });
    return this.cachedVerifier;
  }
}

async function newKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  // The thumbprint as kid: stable for the key's life and derived from it, so it never needs storing apart.
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ALG, use: 'sig' };
}

async function loadOrCreateKey(file: string): Promise<JWK> {
  const existing = await readKey(file);
  if (existing) return existing;
  const key = await newKey();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once must not each write a key and invalidate the other's tokens.
    await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readKey(file)) ?? key;
  }
}

async function readKey(file: string): Promise<JWK | undefined> {
  const text = await readIfPresent(file);
  if (text === undefined) return undefined;
  const jwk = parse(text);
  if (jwk?.kty === 'EC' && jwk.crv === 'P-256' && jwk.d && jwk.x && jwk.y && jwk.kid) return jwk;
  // Overwriting would silently invalidate every token issued so far; let the developer decide.
  throw new Error(`The local issuer key ${file} is not an ES256 private JWK; delete it to make a new one.`);
}

function parse(text: string): JWK | undefined {
  let value: (JWK & { privateJwk?: JWK }) | undefined;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Early builds stored `{kid, privateJwk, publicJwk}`; reading that shape keeps existing dev tokens valid.
  if (value?.privateJwk) return { ...value.privateJwk, kid: value.kid, alg: ALG, use: 'sig' };
  return value;
}
