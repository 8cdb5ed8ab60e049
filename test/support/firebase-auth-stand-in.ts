import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/**
 * A stand-in for the Firebase Auth emulator's REST endpoints, for the browser tests of the web client's
 * Firebase sign-in. The real emulator ships only inside firebase-tools (561 MB, about 90 s to install: it
 * would double `make test`'s install time), so this answers the few requests Firebase's own web SDK
 * (@firebase/auth, pointed here with `connectAuthEmulator`) really sends, as read in its source:
 * `accounts:signInWithPassword`, `accounts:signUp`, `accounts:sendOobCode` and `accounts:lookup` under
 * /identitytoolkit.googleapis.com/v1/, and the refresh grant at /securetoken.googleapis.com/v1/token. Unlike the emulator, which issues unsigned tokens,
 * it signs ID tokens RS256 with a test key shaped as Firebase's (iss https://securetoken.google.com/<project>,
 * aud <project>, auth_time), and publishes that key at /jwks for the API's own Firebase verifier.
 */
export interface FirebaseAuthStandIn {
  /** `http://127.0.0.1:<port>`: the SDK's emulator URL, and the origin the site's policy must allow. */
  url: string;
  /** The key set the API's Firebase verifier is pointed at. */
  jwksUrl: string;
  projectId: string;
  apiKey: string;
  /** Each request the SDK sent, as `<host>/<endpoint>` (`securetoken.googleapis.com/v1/token`). */
  calls: string[];
  /** The addresses a verification mail would have gone to (`sendOobCode` with VERIFY_EMAIL). */
  verificationMails: string[];
  close(): Promise<void>;
}

export interface FirebaseAuthStandInOptions {
  projectId: string;
  apiKey: string;
  /** Users who may sign in with email and password; their uid is the token's subject. */
  users: { uid: string; email: string; password: string; displayName: string }[];
  /**
   * ID token lifetime. Over 30 s: the SDK treats a token with less than that left as expired, and would
   * renew it on every read.
   */
  tokenTtlSeconds: number;
}

interface Session {
  uid: string;
  authTime: number;
}

export async function startFirebaseAuthStandIn(
  options: FirebaseAuthStandInOptions,
): Promise<FirebaseAuthStandIn> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = 'firebase-stand-in';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256', use: 'sig', kid } as JWK] };
  const refreshTokens = new Map<string, Session>();
  const calls: string[] = [];
  const verificationMails: string[] = [];
  const users = [...options.users];
  const userOf = (uid: string) => users.find((user) => user.uid === uid);
  const signedIn = async (user: FirebaseAuthStandInOptions['users'][number], kind: string) => {
    const session = { uid: user.uid, authTime: Math.floor(Date.now() / 1000) };
    return {
      kind,
      localId: user.uid,
      email: user.email,
      displayName: user.displayName,
      registered: true,
      idToken: await idToken(session),
      refreshToken: newRefreshToken(session),
      expiresIn: String(options.tokenTtlSeconds),
    };
  };

  const idToken = (session: Session) => {
    const user = userOf(session.uid);
    return new SignJWT({
      name: user?.displayName || undefined,
      email: user?.email,
      email_verified: true,
      auth_time: session.authTime,
      user_id: session.uid,
      firebase: { identities: { email: [user?.email] }, sign_in_provider: 'password' },
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(`https://securetoken.google.com/${options.projectId}`)
      .setAudience(options.projectId)
      .setSubject(session.uid)
      .setIssuedAt()
      .setExpirationTime(`${options.tokenTtlSeconds}s`)
      .sign(privateKey);
  };
  const newRefreshToken = (session: Session) => {
    const token = randomBytes(24).toString('base64url');
    refreshTokens.set(token, session);
    return token;
  };
  const uidOfIdToken = (token: unknown) => {
    if (typeof token !== 'string') return undefined;
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}');
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  };

  const endpoints: Record<string, (body: Record<string, unknown>) => Promise<[number, unknown]>> = {
    'identitytoolkit.googleapis.com/v1/accounts:signInWithPassword': async ({ email, password }) => {
      const user = users.find((u) => u.email === email && u.password === password);
      if (!user) return [400, failure('INVALID_LOGIN_CREDENTIALS')];
      return [200, await signedIn(user, 'identitytoolkit#VerifyPasswordResponse')];
    },
    'identitytoolkit.googleapis.com/v1/accounts:signUp': async ({ email, password }) => {
      if (typeof email !== 'string' || !email.includes('@')) return [400, failure('INVALID_EMAIL')];
      if (typeof password !== 'string' || password.length < 6)
        return [400, failure('WEAK_PASSWORD : Password should be at least 6 characters')];
      if (users.some((u) => u.email === email)) return [400, failure('EMAIL_EXISTS')];
      // Firebase leaves a new password user's display name empty; the API then names the profile itself.
      const user = { uid: `uid-${randomBytes(6).toString('hex')}`, email, password, displayName: '' };
      users.push(user);
      return [200, await signedIn(user, 'identitytoolkit#SignupNewUserResponse')];
    },
    'identitytoolkit.googleapis.com/v1/accounts:sendOobCode': async ({ requestType, idToken: token }) => {
      const user = userOf(uidOfIdToken(token) ?? '');
      if (requestType !== 'VERIFY_EMAIL' || !user) return [400, failure('INVALID_ID_TOKEN')];
      verificationMails.push(user.email);
      return [200, { kind: 'identitytoolkit#GetOobConfirmationCodeResponse', email: user.email }];
    },
    'identitytoolkit.googleapis.com/v1/accounts:lookup': async ({ idToken: token }) => {
      const user = userOf(uidOfIdToken(token) ?? '');
      if (!user) return [400, failure('INVALID_ID_TOKEN')];
      return [
        200,
        {
          kind: 'identitytoolkit#GetAccountInfoResponse',
          users: [
            {
              localId: user.uid,
              email: user.email,
              displayName: user.displayName,
              emailVerified: true,
              providerUserInfo: [
                { providerId: 'password', email: user.email, federatedId: user.email, rawId: user.email },
              ],
              validSince: '0',
              lastLoginAt: String(Date.now()),
              createdAt: '0',
            },
          ],
        },
      ];
    },
    'securetoken.googleapis.com/v1/token': async ({ grant_type, refresh_token }) => {
      const session = grant_type === 'refresh_token' ? refreshTokens.get(String(refresh_token)) : undefined;
      if (!session) return [400, failure('INVALID_REFRESH_TOKEN')];
      return [
        200,
        {
          access_token: await idToken(session),
          id_token: await idToken(session),
          expires_in: String(options.tokenTtlSeconds),
          token_type: 'Bearer',
          refresh_token: refresh_token,
          user_id: session.uid,
          project_id: options.projectId,
        },
      ];
    },
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The page calls from the site's origin with a JSON body: a CORS preflight comes first.
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    if (req.method === 'GET' && url.pathname === '/jwks') return send(res, 200, jwks, cors);
    const endpoint = url.pathname.slice(1);
    const answer = endpoints[endpoint];
    if (req.method !== 'POST' || !answer) return send(res, 404, failure(`NOT_FOUND ${url.pathname}`), cors);
    calls.push(endpoint);
    if (url.searchParams.get('key') !== options.apiKey)
      return send(res, 400, failure('API_KEY_INVALID'), cors);
    try {
      const [status, body] = await answer(await readBody(req));
      send(res, status, body, cors);
    } catch {
      send(res, 400, failure('INVALID_ARGUMENT'), cors);
    }
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    jwksUrl: `${url}/jwks`,
    projectId: options.projectId,
    apiKey: options.apiKey,
    calls,
    verificationMails,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The Identity Toolkit's error shape; the SDK maps `message` to its `auth/…` codes. */
function failure(message: string) {
  return { error: { code: 400, message, errors: [{ message, domain: 'global', reason: 'invalid' }] } };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]>,
) {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** JSON for the Identity Toolkit, a form for the token endpoint, as the SDK sends them. */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
