import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppDeps } from '../app-deps.js';
import { RETRY_AFTER_SECONDS } from '../error-response.js';
import type { HttpEnv } from '../http-env.js';
import { verifySentToken } from '../middleware/authenticate.js';
import { documented } from '../schemas/api-docs.js';
import { errorResponses } from '../schemas/common.schemas.js';
import { defineRoute, serveRoute } from './api-route.js';

const healthSchema = documented(
  z.object({
    status: z.enum(['healthy', 'unhealthy']),
    environment: z.string(),
    version: z.string(),
    checks: z.object({ database: z.enum(['ok', 'unreachable']) }),
  }),
  { id: 'Health' },
);

/** `/api/health`, and `/health` (the seeds' path): the same route at both. */
export const healthApi = ['/api/health', '/health'].map((path) =>
  defineRoute({
    method: 'get',
    path,
    summary: 'Health, with a real storage check',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: healthSchema } } },
      503: { description: 'Storage unreachable', content: { 'application/json': { schema: healthSchema } } },
      // A bearer token is not needed, but one that is sent is verified: a bad one is 401.
      ...errorResponses(401),
    },
  }),
);

/** Health answers from a real storage round trip. */
export function healthRoutes({ storage, config, logger, verifier }: AppDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const route of healthApi) {
    // Checked here rather than by a middleware on the path, so the route stays one handler (warm-path.test.ts).
    serveRoute(app, route, async (c) => {
      await verifySentToken(verifier, c);
      const base = { environment: config.environment, version: config.version };
      try {
        await storage.ping();
        return c.json({ ...base, status: 'healthy' as const, checks: { database: 'ok' as const } }, 200);
      } catch (error) {
        logger.warn('health check: storage unreachable', { error });
        c.header('Retry-After', String(RETRY_AFTER_SECONDS));
        return c.json(
          { ...base, status: 'unhealthy' as const, checks: { database: 'unreachable' as const } },
          503,
        );
      }
    });
  }
  return app;
}
