import type { Profile } from '../domain/profiles/profile.js';
import type { Log } from '../observability/log.js';

/** The headers every answer carries, as one record with lower-case names (see answer-headers.ts). */
export type AnswerHeaders = Readonly<Record<string, string>>;

/**
 * What a request's handlers share, made by the shell before Hono routes the request (request-shell.ts) and
 * handed to them as `c.env.scope`.
 */
export interface RequestScope {
  readonly requestId: string;
  /** Logger carrying this request's id. */
  readonly log: Log;
  /** The headers every answer carries besides its id: security, and CORS for the request's origin. */
  readonly answerHeaders: AnswerHeaders;
  /** The caller's profile, set when the request carried a valid bearer token. */
  profile?: Profile;
}

/**
 * The request's scope travels in Hono's bindings (`c.env`) rather than its context variables because the
 * shell runs outside Hono, around `fetch`: a context variable needs a middleware to set it, and any
 * middleware matching every path makes Hono compose each request's handlers (see request-shell.ts).
 */
export interface HttpEnv {
  Bindings: {
    scope: RequestScope;
    /** What the platform passed as bindings: Hono's Lambda adapter the event, @hono/node-server Node's request. */
    platform: unknown;
  };
}
