import { Hono } from 'hono';
import * as z from 'zod/mini';
import { displayName } from '../../domain/profiles/profile.js';
import type { DevTokenIssuer } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { documented } from '../schemas/api-docs.js';
import { errorResponses, idParam, json } from '../schemas/common.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const devTokenRequest = documented(
  z.strictObject({
    userId: idParam,
    // The rules of a display name, which a token's name becomes: refused here rather than replaced later.
    name: z.optional(displayName),
  }),
  { id: 'DevTokenRequest' },
);

const issueToken = defineRoute({
  method: 'post',
  path: '/api/dev/token',
  summary: 'A token from the local issuer (local only)',
  request: {
    body: { schema: devTokenRequest, example: { userId: 'alice', name: 'Alice' }, required: true },
  },
  responses: {
    200: json(documented(z.object({ token: z.string() }), { id: 'DevToken' }), 'A bearer token for userId'),
    ...errorResponses(400, 413, 415, 422),
  },
});

/** Documented with the rest, but served only where devRoutes is mounted: the local stack. */
export const devApi = [issueToken];

/** Mounted only in `local`: elsewhere these paths are plain 404s. */
export function devRoutes(issuer: DevTokenIssuer, admit: RouteAdmission): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  serveRoute({ app, admit }, issueToken, async (c) => {
    const { userId, name } = c.req.valid('json');
    return c.json({ token: await issuer.issue(name === undefined ? { userId } : { userId, name }) }, 200);
  });
  app.get('/.well-known/jwks.json', (c) => c.json(issuer.jwks()));
  return app;
}
