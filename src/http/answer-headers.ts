import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpEnv } from './http-env.js';

/**
 * The headers every answer to this request carries (request id, security headers, CORS), gathered by the
 * shell's middleware before the handler runs. A handler that answers with
 * `answerJson` writes them straight into its response; any other answer (errors, 404s, preflights, docs)
 * gets them set onto its Headers after the handler, as before.
 *
 * Why: Hono's `c.header()` and any later `c.res.headers` make an undici Headers object per request (every
 * name and value validated, then sorted when @hono/node-server writes it out), which profiled at about a
 * tenth of a warm GET on the local server. A response whose headers stay a plain record is written by
 * @hono/node-server with no Headers at all. (Hono's own `c.json(body, status, record)` does not help: it
 * makes a Headers as soon as the record has a second name.)
 */
type AnyContext = Pick<Context<HttpEnv>, 'get' | 'set'>;

/** Adds `name: value` to the headers this request's answer will carry (lower-case names, as Headers would). */
export function gatherHeader(c: AnyContext, name: string, value: string): void {
  // Names and values alternate in one flat list: a record grown one dynamic key at a time and then copied
  // measured ten times slower in V8 than this list written into a fresh record once, in `answerJson`.
  const gathered = c.get('answerHeaders');
  if (gathered) gathered.push(name, value);
  else c.set('answerHeaders', [name, value]);
}

const carrying = new WeakSet<Response>();

// One record per distinct list of names, copied per answer: cloning a record V8 already has a shape for is
// one copy, while adding each name anew made the shape again on every request, which profiled slower than
// the Headers this replaces. The lists are few (they come from code, not from requests) and their names are
// the same strings each time, so finding one is a handful of identity comparisons.
const shapes: { names: string[]; record: Record<string, string> }[] = [];

function shapeOf(ownNames: string[], gathered: string[]): Record<string, string> {
  search: for (const shape of shapes) {
    if (shape.names.length !== ownNames.length + gathered.length / 2) continue;
    let at = 0;
    for (const name of ownNames) if (shape.names[at++] !== name) continue search;
    for (let i = 0; i < gathered.length; i += 2) if (shape.names[at++] !== gathered[i]) continue search;
    return shape.record;
  }
  const names = [...ownNames, ...gathered.filter((_, i) => i % 2 === 0)];
  const record: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of names) record[name] = '';
  shapes.push({ names, record });
  return record;
}

function recordOf(gathered: string[], own: Record<string, string> | undefined): Record<string, string> {
  const ownNames = own ? Object.keys(own) : [];
  const headers = { ...shapeOf(ownNames, gathered) };
  for (const name of ownNames) headers[name] = own?.[name] as string;
  for (let i = 0; i < gathered.length; i += 2) headers[gathered[i] as string] = gathered[i + 1] as string;
  return headers;
}

/** Whether `response` was built by `answerJson`, so it already carries every gathered header. */
export function carriesGatheredHeaders(response: Response): boolean {
  return carrying.has(response);
}

/**
 * `c.json(body, status)` with the handler's own headers (`own`, lower-case names), answered as a plain
 * record together with the gathered ones, which win on a clash as the middleware setting them afterwards
 * did. `own` must not include `vary`, which CORS sets.
 */
export function answerJson(
  c: AnyContext,
  body: unknown,
  status: ContentfulStatusCode,
  own?: Record<string, string>,
): Response {
  const gathered = c.get('answerHeaders') ?? [];
  const headers = recordOf(gathered, own);
  const response = new Response(JSON.stringify(body), { status, headers });
  carrying.add(response);
  return response;
}
