import type { Profile } from '../domain/profiles/profile.js';
import type { Log } from '../observability/log.js';

/** The headers every answer carries, as one record with lower-case names (see answer-headers.ts). */
export type AnswerHeaders = Readonly<Record<string, string>>;

/** What middleware leaves on the Hono context for handlers. */
export interface HttpEnv {
  Variables: {
    requestId: string;
    /** Logger carrying this request's id. */
    log: Log;
    /** The caller's profile, set when the request carried a valid bearer token. */
    profile?: Profile;
    /** The headers every answer carries, gathered by the shell before the handler runs. */
    answerHeaders?: AnswerHeaders;
  };
}
