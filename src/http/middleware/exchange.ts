import type { RequestScope } from '../http-env.js';

/** One request and its answer, as the shell hands them to the access log and the business metrics. */
export interface Exchange {
  request: Request;
  response: Response;
  scope: RequestScope;
  /** When the shell took the request (`performance.now()`). */
  startedMs: number;
}
