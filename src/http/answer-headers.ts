import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AnswerHeaders, HttpEnv } from './http-env.js';

/**
 * The headers every answer to a request carries besides its id (security headers, CORS), settled by the
 * shell before the handler runs, as one plain record with lower-case names (one record shared by every
 * request from the same origin: never written to). A handler that answers with
 * `answerJson` writes them straight into its response; any other answer (errors, 404s, preflights, docs)
 * gets them applied onto its Headers afterwards by `applyAnswerHeaders`.
 *
 * Why: Hono's `c.header()` and any later `c.res.headers` make an undici Headers object per request (every
 * name and value validated, then sorted when @hono/node-server writes it out), which profiled at about a
 * tenth of a warm GET on the local server. A response whose headers stay a plain record is written by
 * @hono/node-server with no Headers at all. (Hono's own `c.json(body, status, record)` does not help: it
 * makes a Headers as soon as the record has a second name.)
 */
export type { AnswerHeaders };

type AnyContext = Pick<Context<HttpEnv>, 'env'>;

// Marked on the response itself: a WeakSet entry per answer measured about 1 µs (and GC work) per request.
const CARRIES = Symbol('carries the gathered headers');
type Marked = Response & { [CARRIES]?: true };

/** Whether `response` was built by `answerJson`, so it already carries every gathered header. */
export function carriesAnswerHeaders(response: Response): boolean {
  return (response as Marked)[CARRIES] === true;
}

/**
 * `c.json(body, status)` with the handler's own headers (`own`, lower-case names), answered as a plain
 * record together with the gathered ones, which win on a clash as headers applied afterwards would. `own`
 * must not include `vary`, which CORS sets.
 */
export function answerJson(
  c: AnyContext,
  body: unknown,
  status: ContentfulStatusCode,
  own?: Record<string, string>,
): Response {
  return answerJsonText(c, JSON.stringify(body), status, own);
}

/** `answerJson` for a body already serialised (see json-memo.ts). */
export function answerJsonText(
  c: AnyContext,
  json: string,
  status: ContentfulStatusCode,
  own?: Record<string, string>,
): Response {
  // Copied into a fresh literal, not grown from a cloned record: V8 reuses the same few shape transitions
  // for every answer, which measured cheaper than cloning a prepared record and overwriting its values.
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // No scope when the app has no shell around it (a test's bare Hono app): then only the answer's own.
  const scope = c.env?.scope;
  Object.assign(headers, own, scope?.answerHeaders);
  if (scope) headers['x-request-id'] = scope.requestId;
  const response: Marked = new Response(json, { status, headers });
  response[CARRIES] = true;
  return response;
}

/**
 * Applies the gathered headers onto an answer `answerJson` did not build, as Hono's own middleware would
 * have: each set (replacing a handler's own), `vary` appended to the handler's, and X-Powered-By dropped.
 */
export function applyAnswerHeaders(response: Response, gathered: AnswerHeaders, requestId: string): void {
  const headers = response.headers;
  headers.set('x-request-id', requestId);
  for (const name in gathered) {
    const value = gathered[name] as string;
    // A HEAD answer is Hono's copy of the GET one's headers, which may carry them already.
    if (name === 'vary') {
      if (!headers.get('vary')?.includes(value)) headers.append(name, value);
    } else headers.set(name, value);
  }
  headers.delete('x-powered-by');
}
