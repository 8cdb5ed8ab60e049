import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { DevTokenIssuer } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { errorResponses, idParam, json } from '../schemas/common.schemas.js';
import { validationHook } from '../validation-hook.js';

const devTokenRequest = z
  .strictObject({ userId: idParam, name: z.string().trim().min(1).max(50).optional() })
  .openapi('DevTokenRequest');

const issueToken = createRoute({
  method: 'post',
  path: '/api/dev/token',
  summary: 'A token from the local issuer (local only)',
  request: {
    body: {
      content: {
        'application/json': { schema: devTokenRequest, example: { userId: 'alice', name: 'Alice' } },
      },
      required: true,
    },
  },
  responses: {
    200: json(z.object({ token: z.string() }).openapi('DevToken'), 'A bearer token for userId'),
    ...errorResponses(400, 413, 415, 422),
  },
});

/** Mounted only in `local`: elsewhere these paths are plain 404s. */
export function devRoutes(issuer: DevTokenIssuer): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>({ defaultHook: validationHook });
  app.openapi(issueToken, async (c) => {
    const { userId, name } = c.req.valid('json');
    return c.json({ token: await issuer.issue(name === undefined ? { userId } : { userId, name }) }, 200);
  });
  app.get('/.well-known/jwks.json', (c) => c.json(issuer.jwks()));
  return app;
}
