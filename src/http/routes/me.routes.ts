import { Hono } from 'hono';
import { answerJson } from '../answer-headers.js';
import type { AppDeps } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, requireProfile, signedIn } from '../middleware/authenticate.js';
import { errorResponses, json, listQuery } from '../schemas/common.schemas.js';
import { postPage, profileSchema, updateProfileBody } from '../schemas/resource.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const getMe = defineRoute({
  method: 'get',
  path: '/api/me',
  summary: 'Your profile (created on your first signed-in request)',
  ...signedIn,
  currentProfile: true,
  responses: { 200: json(profileSchema, 'Your profile'), ...errorResponses(401, 503) },
});

const updateMe = defineRoute({
  method: 'patch',
  path: '/api/me',
  summary: 'Change your display name',
  ...signedIn,
  request: { body: { schema: updateProfileBody, example: { displayName: 'Grace' } } },
  responses: { 200: json(profileSchema, 'Your profile'), ...errorResponses(400, 401, 413, 415, 422, 503) },
});

const myFavorites = defineRoute({
  method: 'get',
  path: '/api/me/favorites',
  summary: 'Posts you favorited, most recent first',
  ...signedIn,
  request: { query: listQuery },
  responses: { 200: json(postPage, 'A page of posts'), ...errorResponses(400, 401, 422, 503) },
});

export const meApi = [getMe, updateMe, myFavorites];

export function meRoutes({ profiles, favorites }: AppDeps, admit: RouteAdmission): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = { app, admit };
  serveRoute(routes, getMe, async (c) => answerJson(c, requireProfile(c), 200));
  serveRoute(routes, updateMe, async (c) =>
    answerJson(c, await profiles.rename(requireActor(c), c.req.valid('json')), 200),
  );
  serveRoute(routes, myFavorites, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return answerJson(c, await favorites.listMine(requireActor(c), { limit, cursor }), 200);
  });
  return app;
}
