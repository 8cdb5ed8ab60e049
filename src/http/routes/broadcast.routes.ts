import { timingSafeEqual } from 'node:crypto';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RealtimeService } from '../../domain/realtime/realtime.service.js';
import { ForbiddenError, UnauthorizedError } from '../../domain/shared/errors.js';
import { visibleText } from '../../domain/shared/text.js';
import { reportFanOut } from '../../observability/fan-out-report.js';
import type { HttpEnv } from '../http-env.js';
import { errorResponses, idParam, json } from '../schemas/common.schemas.js';
import { validationHook } from '../validation-hook.js';

/** Decides whether a caller is the system; throws 401/403 otherwise. User tokens never qualify. */
export type BroadcastGuard = (c: Context<HttpEnv>) => void;

const broadcastBody = z
  .strictObject({ postId: idParam.optional(), message: visibleText(2_000) })
  .openapi('Broadcast');

const route = createRoute({
  method: 'post',
  path: '/broadcast/comments',
  summary: 'System message to subscribers (system callers only)',
  request: { body: { content: { 'application/json': { schema: broadcastBody } }, required: true } },
  responses: {
    202: json(
      z
        .object({ delivered: z.number().int(), stale: z.number().int(), failed: z.number().int() })
        .openapi('BroadcastResult'),
      'Pushed',
    ),
    ...errorResponses(400, 401, 403, 415, 422),
  },
});

export function broadcastRoutes(
  realtime: RealtimeService,
  guard: BroadcastGuard,
  metrics?: Metrics,
): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>({ defaultHook: validationHook });
  app.use('/broadcast/*', async (c, next) => {
    guard(c);
    await next();
  });
  return app.openapi(route, async (c) => {
    const { postId, message } = c.req.valid('json');
    const result = await realtime.broadcast(postId ? { postId, message } : { message });
    reportFanOut(result, { event: 'broadcast', postId }, c.var.log, metrics);
    return c.json(result, 202);
  });
}

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
    c.env as { event?: { requestContext?: { authorizer?: { iam?: { userArn?: string } } } } } | undefined
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
