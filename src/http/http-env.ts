import type { Profile } from '../domain/profiles/profile.js';
import type { Log } from '../observability/log.js';

/** What middleware leaves on the Hono context for handlers. */
export interface HttpEnv {
  Variables: {
    requestId: string;
    /** Logger carrying this request's id. */
    log: Log;
    /** The caller's profile, set when the request carried a valid bearer token. */
    profile?: Profile;
    /** The headers every answer carries, gathered before the handler runs: names and values alternate. */
    answerHeaders?: string[];
  };
}
