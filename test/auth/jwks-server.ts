/** Test helpers for token verification: RSA keys, a JWKS on loopback, and tokens as attackers craft them. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function rsaKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk };
}

export interface TestServer {
  url: string;
  /** How many requests the server has answered or swallowed. */
  readonly hits: number;
  close(): Promise<void>;
}

async function listen(handler: RequestListener): Promise<TestServer> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    get hits() {
      return hits;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JWKS endpoint on loopback, standing in for Google's or Cognito's. */
export function serveJwks(keys: SigningKey[]): Promise<TestServer> {
  return listen((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
}

/** A JWKS endpoint that answers 503 while `down` is set, and the key set otherwise. */
export async function serveOutage(keys: SigningKey[]): Promise<TestServer & { down: boolean }> {
  const state = { down: true };
  const server = await listen((_req, res) => {
    if (state.down) {
      res.statusCode = 503;
      res.end('Service Unavailable');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  });
  return {
    url: server.url,
    get hits() {
      return server.hits;
    },
    close: server.close,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
  };
}

/** A JWKS endpoint that accepts the connection and never answers: the worst kind of outage. */
export function serveNothing(): Promise<TestServer> {
  return listen(() => {});
}

/** A token signed like the providers sign theirs: `{alg: 'RS256', kid, typ: 'JWT'}`. */
export function sign(
  key: SigningKey,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

export const now = () => Math.floor(Date.now() / 1000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token (`alg: none`, empty signature), crafted by hand as an attacker would. */
export function unsignedToken(claims: JWTPayload, kid?: string): string {
  return `${b64({ alg: 'none', typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64(claims)}.`;
}

/**
 * The algorithm-confusion attack: HS256 keyed with the bytes of the server's own public key (its PEM, as
 * a naive verifier would load it), hoping the verifier uses that key as an HMAC secret.
 */
export async function hmacWithPublicKey(key: SigningKey, claims: JWTPayload): Promise<string> {
  const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' }).sign(secret);
}
