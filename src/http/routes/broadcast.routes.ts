import type { Metrics } from '@aws-lambda-powertools/metrics';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { RealtimeService } from '../../domain/realtime/realtime.service.js';
import { visibleText } from '../../domain/shared/text.js';
import { reportFanOut } from '../../observability/fan-out-report.js';
import type { HttpEnv } from '../http-env.js';
import type { BroadcastGuard } from '../middleware/broadcast-guard.js';
import { documented } from '../schemas/api-docs.js';
import { errorResponses, idParam, integer, json } from '../schemas/common.schemas.js';
import { defineRoute, serveRoute } from './api-route.js';

const broadcastBody = documented(
  z.strictObject({ postId: z.optional(idParam), message: visibleText(2_000) }),
  { id: 'Broadcast' },
);

const broadcastRoute = defineRoute({
  method: 'post',
  path: '/broadcast/comments',
  summary: 'System message to subscribers (system callers only)',
  description:
    'Served by its own function: IAM (SigV4) authorization in AWS; locally the x-broadcast-key header `make local` prints.',
  request: {
    body: { schema: broadcastBody, example: { message: 'Maintenance at 18:00 UTC.' }, required: true },
  },
  responses: {
    202: json(
      documented(z.object({ delivered: integer(), stale: integer(), failed: integer() }), {
        id: 'BroadcastResult',
      }),
      'Pushed',
    ),
    ...errorResponses(400, 401, 403, 413, 415, 422, 503),
  },
});

/** Same API, another function: API Gateway routes it to the broadcast function, and it is documented too. */
export const broadcastApi = [broadcastRoute];

export function broadcastRoutes(
  realtime: RealtimeService,
  guard: BroadcastGuard,
  metrics?: Metrics,
): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use('/broadcast/*', async (c, next) => {
    guard(c);
    await next();
  });
  serveRoute(app, broadcastRoute, async (c) => {
    const { postId, message } = c.req.valid('json');
    const result = await realtime.broadcast(postId ? { postId, message } : { message });
    reportFanOut(result, { event: 'broadcast', postId }, c.env.scope.log, metrics);
    return c.json(result, 202);
  });
  return app;
}
