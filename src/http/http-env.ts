import type { Logger } from '@aws-lambda-powertools/logger';
import type { Profile } from '../domain/profiles/profile.js';

/** What middleware leaves on the Hono context for handlers. */
export interface HttpEnv {
  Variables: {
    requestId: string;
    /** Logger carrying this request's id. */
    log: Logger;
    /** The caller's profile, set when the request carried a valid bearer token. */
    profile?: Profile;
  };
}
