import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, signedIn } from '../middleware/authenticate.js';
import { errorResponses, idParam } from '../schemas/common.schemas.js';
import { validationHook } from '../validation-hook.js';

const params = z.object({ id: idParam });

const favorite = createRoute({
  method: 'put',
  path: '/posts/{id}/favorite',
  summary: 'Favorite a post (idempotent)',
  ...signedIn,
  request: { params },
  responses: { 204: { description: 'Favorited' }, ...errorResponses(401, 404, 422, 503) },
});

const unfavorite = createRoute({
  method: 'delete',
  path: '/posts/{id}/favorite',
  summary: 'Remove a favorite (idempotent)',
  ...signedIn,
  request: { params },
  responses: { 204: { description: 'Not favorited' }, ...errorResponses(401, 404, 422, 503) },
});

export function favoriteRoutes({ favorites }: AppDeps): OpenAPIHono<HttpEnv> {
  return new OpenAPIHono<HttpEnv>({ defaultHook: validationHook })
    .openapi(favorite, async (c) => {
      await favorites.add(requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(unfavorite, async (c) => {
      await favorites.remove(requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
