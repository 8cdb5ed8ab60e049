import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../domain/shared/errors.js';
import type { HttpEnv } from '../http-env.js';

/** Decides whether a caller is the system; throws 401/403 otherwise. User tokens never qualify. */
export type BroadcastGuard = (c: Context<HttpEnv>) => void;

/** Locally: the key `make local` generates and prints, in `x-broadcast-key`. */
export function localKeyGuard(key: string): BroadcastGuard {
  const expected = Buffer.from(key);
  return (c) => {
    const given = Buffer.from(c.req.header('x-broadcast-key') ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    if (given.length === 0 && !c.req.header('authorization')) {
      throw new UnauthorizedError(
        'The broadcast endpoint is for the system: send the x-broadcast-key header.',
      );
    }
    throw new ForbiddenError('The broadcast endpoint does not accept user tokens or wrong keys.');
  };
}

/**
 * In AWS the route has IAM authorization, so API Gateway has verified a SigV4 signature before we run;
 * the check here is defence in depth against the function being wired to an open route by mistake.
 */
export const iamGuard: BroadcastGuard = (c) => {
  const event = (
    c.env?.platform as
      | { event?: { requestContext?: { authorizer?: { iam?: { userArn?: string } } } } }
      | undefined
  )?.event;
  if (!event?.requestContext?.authorizer?.iam?.userArn) {
    throw new ForbiddenError('The broadcast endpoint needs IAM (SigV4) authorization.');
  }
};

/** Lets a caller through when any guard does; otherwise refuses with the last guard's error. */
export function anyOf(...guards: BroadcastGuard[]): BroadcastGuard {
  return (c) => {
    let refusal: unknown;
    for (const guard of guards) {
      try {
        return guard(c);
      } catch (error) {
        refusal = error;
      }
    }
    throw refusal;
  };
}
