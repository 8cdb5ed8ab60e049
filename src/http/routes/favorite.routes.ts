import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppDeps } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, signedIn } from '../middleware/authenticate.js';
import { errorResponses, idParam } from '../schemas/common.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const params = z.object({ id: idParam });

const favorite = defineRoute({
  method: 'put',
  path: '/api/posts/{id}/favorite',
  summary: 'Favorite a post (idempotent)',
  ...signedIn,
  request: { params },
  responses: { 204: { description: 'Favorited' }, ...errorResponses(401, 404, 422, 503) },
});

const unfavorite = defineRoute({
  method: 'delete',
  path: '/api/posts/{id}/favorite',
  summary: 'Remove a favorite (idempotent)',
  ...signedIn,
  request: { params },
  responses: { 204: { description: 'Not favorited' }, ...errorResponses(401, 404, 422, 503) },
});

export const favoriteApi = [favorite, unfavorite];

export function favoriteRoutes({ favorites }: AppDeps, admit: RouteAdmission): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = { app, admit };
  serveRoute(routes, favorite, async (c) => {
    await favorites.add(requireActor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  serveRoute(routes, unfavorite, async (c) => {
    await favorites.remove(requireActor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}
