import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { RealtimeService } from '../../domain/realtime/realtime.service.js';
import { visibleText } from '../../domain/shared/text.js';
import { reportFanOut } from '../../observability/fan-out-report.js';
import type { HttpEnv } from '../http-env.js';
import type { BroadcastGuard } from '../middleware/broadcast-guard.js';
import { errorResponses, idParam, json } from '../schemas/common.schemas.js';
import { validationHook } from '../validation-hook.js';

const broadcastBody = z
  .strictObject({ postId: idParam.optional(), message: visibleText(2_000) })
  .openapi('Broadcast');

export const broadcastRoute = createRoute({
  method: 'post',
  path: '/broadcast/comments',
  summary: 'System message to subscribers (system callers only)',
  description:
    'Served by its own function: IAM (SigV4) authorization in AWS; locally the x-broadcast-key header `make local` prints.',
  request: {
    body: {
      content: {
        'application/json': { schema: broadcastBody, example: { message: 'Maintenance at 18:00 UTC.' } },
      },
      required: true,
    },
  },
  responses: {
    202: json(
      z
        .object({ delivered: z.number().int(), stale: z.number().int(), failed: z.number().int() })
        .openapi('BroadcastResult'),
      'Pushed',
    ),
    ...errorResponses(400, 401, 403, 413, 415, 422, 503),
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
  return app.openapi(broadcastRoute, async (c) => {
    const { postId, message } = c.req.valid('json');
    const result = await realtime.broadcast(postId ? { postId, message } : { message });
    reportFanOut(result, { event: 'broadcast', postId }, c.var.log, metrics);
    return c.json(result, 202);
  });
}
