import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { UploadService } from '../../domain/uploads/upload.service.js';
import { answerJson } from '../answer-headers.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, signedIn } from '../middleware/authenticate.js';
import { documented } from '../schemas/api-docs.js';
import { errorResponses, json } from '../schemas/common.schemas.js';
import { requestUploadBody } from '../schemas/resource.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const uploadTicket = documented(
  z.object({
    key: documented(z.string(), { description: "Set it as a post's imageKey once the bytes are uploaded" }),
    uploadUrl: z.url(),
    method: z.literal('PUT'),
    headers: documented(z.record(z.string(), z.string()), { description: 'Send exactly these with the PUT' }),
    expiresAt: z.iso.datetime(),
  }),
  { id: 'UploadTicket' },
);

const requestUpload = defineRoute({
  method: 'post',
  path: '/api/uploads',
  summary: 'Ask for a URL to upload an image to (jpeg, png, webp or gif; at most 5 MiB)',
  ...signedIn,
  request: {
    body: { schema: requestUploadBody, example: { contentType: 'image/png', size: 48213 }, required: true },
  },
  responses: {
    201: json(uploadTicket, 'Where to PUT the bytes, and the key to give the post'),
    ...errorResponses(400, 401, 413, 415, 422, 503),
  },
});

export const uploadApi = [requestUpload];

export function uploadRoutes(uploads: UploadService, admit: RouteAdmission): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = { app, admit };
  serveRoute(routes, requestUpload, async (c) =>
    answerJson(c, await uploads.requestUpload(requireActor(c), c.req.valid('json')), 201),
  );
  return app;
}
