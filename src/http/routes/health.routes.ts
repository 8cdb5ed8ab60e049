import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { RETRY_AFTER_SECONDS } from '../error-response.js';
import type { HttpEnv } from '../http-env.js';

const healthSchema = z
  .object({
    status: z.enum(['healthy', 'unhealthy']),
    environment: z.string(),
    version: z.string(),
    checks: z.object({ database: z.enum(['ok', 'unreachable']) }),
  })
  .openapi('Health');

const route = (path: string) =>
  createRoute({
    method: 'get',
    path,
    summary: 'Health, with a real storage check',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: healthSchema } } },
      503: { description: 'Storage unreachable', content: { 'application/json': { schema: healthSchema } } },
    },
  });

/** `/api/health` (and `/health`, the seeds' path) answers from a real storage round trip. */
export function healthRoutes({ storage, config, logger }: AppDeps): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>();
  for (const path of ['/api/health', '/health']) {
    app.openapi(route(path), async (c) => {
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
