import type { SmokeSignIn } from './cognito-smoke-user.js';
import { type ApiClient, bearer, describeAnswer, smokeClient } from './http-client.js';
import { openProbe, type SocketProbe } from './socket-probe.js';

export type SmokeStatus = 'passed' | 'failed' | 'not-run';

export interface SmokeResult {
  check: string;
  status: SmokeStatus;
  ms: number;
  detail: string;
}

export interface SmokeOptions {
  /** The REST base, as the `ApiUrl` output gives it (no `/api`, no trailing slash). */
  apiUrl: string;
  /** The `WebSocketURL` output. */
  wsUrl: string;
  /** An ID token of the environment's provider; without one, `local` uses its own issuer, others skip. */
  token?: string;
  /**
   * A throwaway user to sign in as (a managed pool's admin APIs), deleted at the end whatever happened;
   * reported as the `sign-in` and `delete-user` checks. Ignored when `token` is given.
   */
  signIn?: SmokeSignIn;
  /**
   * Only the checks that change nothing; the rest are reported not run. Unset: read-only exactly when the
   * API reports itself as production.
   */
  readOnly?: boolean;
  /** How long a comment may take to reach the subscriber (the contract says 1 s; the network adds some). */
  pushTimeoutMs?: number;
  /** Called as each check ends, so a terminal shows progress before the suite finishes. */
  onResult?: (result: SmokeResult) => void;
}

/** The checks, in the order they run; the deploy CLI and `npm run smoke` both run exactly these. */
export const SMOKE_CHECKS = [
  'health',
  'auth-required',
  'create-post',
  'websocket-subscribe',
  'comment-push',
  'favorite',
  'delete-post',
] as const;

/** With a throwaway user (`signIn`): `sign-in` before the first write, `delete-user` after everything. */
export const SIGN_IN_CHECKS = ['sign-in', 'delete-user'] as const;

/**
 * Exercises a running deployment the way a client does: health, a protected route refusing anonymous writes,
 * then — with a token — a post, a live subscription to it, a comment pushed over the WebSocket, and the
 * post's deletion, attempted whatever failed before it so no smoke posts pile up. A failed check stops the
 * ones after it (reported as not run); the result list says which check failed and why.
 */
export async function runSmokeSuite(options: SmokeOptions): Promise<SmokeResult[]> {
  // Tolerates the `/api` the local banner prints after the base, and a trailing slash.
  const apiUrl = options.apiUrl.replace(/\/+$/, '').replace(/\/api$/, '');
  const api = smokeClient(apiUrl);
  const pushTimeoutMs = options.pushTimeoutMs ?? 5_000;
  const results: SmokeResult[] = [];
  const record = (result: SmokeResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  let notRunBecause: string | undefined;
  const check = async (name: string, work: () => Promise<string>): Promise<void> => {
    if (notRunBecause) return record({ check: name, status: 'not-run', ms: 0, detail: notRunBecause });
    const started = performance.now();
    try {
      const detail = await work();
      record({ check: name, status: 'passed', ms: performance.now() - started, detail });
    } catch (error) {
      record({
        check: name,
        status: 'failed',
        ms: performance.now() - started,
        detail: (error as Error).message,
      });
      notRunBecause = `${name} failed`;
    }
  };

  let environment: string | undefined;
  await check('health', async () => {
    const answer = await api.GET('/api/health');
    if (answer.response.status !== 200 || answer.data?.status !== 'healthy') {
      throw new Error(`GET /api/health ${describeAnswer(answer)}`);
    }
    environment = answer.data.environment;
    return `200 healthy (environment ${environment}, version ${answer.data.version})`;
  });

  await check('auth-required', async () => {
    const answer = await api.POST('/api/posts', { body: { title: 'smoke', body: 'x' } });
    if (answer.response.status !== 401)
      throw new Error(`POST /api/posts without a token ${describeAnswer(answer)}`);
    return 'POST /api/posts without a token is 401';
  });

  if (!notRunBecause && (options.readOnly ?? environment === 'production')) {
    notRunBecause = `read-only run${options.readOnly ? '' : ' (production)'}: it writes (run with --writes to include it)`;
  }
  let token = options.token;
  const signIn = token ? undefined : options.signIn;
  if (!notRunBecause && !token && !signIn && environment !== 'local') {
    notRunBecause =
      'no token: pass --token or SMOKE_TOKEN (an ID token from this environment’s identity provider), or the managed pool’s ids, to run it';
  }

  let postId: string | undefined;
  let socket: SocketProbe | undefined;
  try {
    if (signIn) {
      await check('sign-in', async () => {
        const signedIn = await signIn.signIn();
        token = signedIn.token;
        return signedIn.detail;
      });
    }

    await check('create-post', async () => {
      token ??= await localToken(api);
      const answer = await api.POST('/api/posts', {
        headers: bearer(token),
        body: {
          title: `smoke ${new Date().toISOString()}`,
          body: 'Created by the smoke suite, deleted when it ends.',
          tags: ['smoke'],
        },
      });
      if (answer.response.status !== 201 || !answer.data?.id) {
        throw new Error(`POST /api/posts ${describeAnswer(answer)}`);
      }
      postId = answer.data.id;
      return `201, post ${postId}`;
    });

    await check('websocket-subscribe', async () => {
      const url = new URL(options.wsUrl);
      url.searchParams.set('token', token ?? '');
      socket = await openProbe(url.toString(), 10_000);
      socket.send({ action: 'subscribe', postId });
      await socket.waitFor(
        'subscribed confirmation',
        (m) => m.type === 'subscribed' && m.postId === postId,
        pushTimeoutMs,
      );
      return `connected to ${options.wsUrl} and subscribed`;
    });

    await check('comment-push', async () => {
      if (!postId || !token) throw new Error('no post to comment on');
      const sent = performance.now();
      const answer = await api.POST('/api/posts/{id}/comments', {
        params: { path: { id: postId } },
        headers: bearer(token),
        body: { body: 'smoke comment' },
      });
      if (answer.response.status !== 201)
        throw new Error(`POST /api/posts/{id}/comments ${describeAnswer(answer)}`);
      const commentId = answer.data?.id;
      await socket?.waitFor(
        'comment.created push',
        (m) => m.type === 'comment.created' && (m.comment as { id?: string } | undefined)?.id === commentId,
        pushTimeoutMs,
      );
      return `comment.created arrived ${Math.round(performance.now() - sent)} ms after the POST`;
    });

    await check('favorite', async () => {
      if (!postId || !token) throw new Error('no post to favorite');
      const request = { params: { path: { id: postId } }, headers: bearer(token) };
      const favorite = await api.PUT('/api/posts/{id}/favorite', request);
      if (favorite.response.status !== 204)
        throw new Error(`PUT /api/posts/{id}/favorite ${describeAnswer(favorite)}`);
      const post = await api.GET('/api/posts/{id}', request);
      const { favoriteCount, favoritedByMe } = post.data ?? {};
      if (post.response.status !== 200 || favoriteCount !== 1 || favoritedByMe !== true) {
        throw new Error(`after favoriting, GET /api/posts/{id} ${describeAnswer(post)}`);
      }
      return 'favorited: favoriteCount 1, favoritedByMe true';
    });
  } finally {
    await (socket as SocketProbe | undefined)?.close();
    await cleanUp(api, postId, token, record);
    if (signIn) await deleteUser(signIn, record);
  }
  return results;
}

/** The throwaway user goes whatever happened: a failed check never leaves one in the pool. */
async function deleteUser(signIn: SmokeSignIn, record: (result: SmokeResult) => void): Promise<void> {
  const started = performance.now();
  try {
    const detail = await signIn.cleanUp();
    record(
      detail === null
        ? { check: 'delete-user', status: 'not-run', ms: 0, detail: 'no user was created' }
        : { check: 'delete-user', status: 'passed', ms: performance.now() - started, detail },
    );
  } catch (error) {
    record({
      check: 'delete-user',
      status: 'failed',
      ms: performance.now() - started,
      detail: `the smoke user is left in the pool (delete users named blogapp-smoke-*): ${(error as Error).message}`,
    });
  }
}

/** Always attempted once a post exists, whatever failed before: a smoke run leaves nothing behind. */
async function cleanUp(
  api: ApiClient,
  postId: string | undefined,
  token: string | undefined,
  record: (result: SmokeResult) => void,
): Promise<void> {
  const check = 'delete-post';
  if (!postId) return record({ check, status: 'not-run', ms: 0, detail: 'no post was created' });
  const started = performance.now();
  const ms = () => performance.now() - started;
  try {
    const answer = await api.DELETE('/api/posts/{id}', {
      params: { path: { id: postId } },
      ...(token ? { headers: bearer(token) } : {}),
    });
    if (answer.response.status !== 204) {
      return record({
        check,
        status: 'failed',
        ms: ms(),
        detail: `DELETE /api/posts/${postId} ${describeAnswer(answer)}`,
      });
    }
    record({ check, status: 'passed', ms: ms(), detail: `204, post ${postId} deleted` });
  } catch (error) {
    record({
      check,
      status: 'failed',
      ms: ms(),
      detail: `post ${postId} left behind: ${(error as Error).message}`,
    });
  }
}

/** `local` only: a token from the stack's own issuer (`POST /api/dev/token`, 404 anywhere else). */
async function localToken(api: ApiClient): Promise<string> {
  const answer = await api.POST('/api/dev/token', {
    body: { userId: `smoke-${Date.now().toString(36)}`, name: 'Smoke test' },
  });
  if (answer.response.status !== 200 || !answer.data?.token) {
    throw new Error(`the local issuer (POST /api/dev/token) ${describeAnswer(answer)}`);
  }
  return answer.data.token;
}
