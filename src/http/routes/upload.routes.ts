import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requestUploadInput } from '../../domain/uploads/image-rules.js';
import type { UploadService } from '../../domain/uploads/upload.service.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, signedIn } from '../middleware/authenticate.js';
import { errorResponses, json } from '../schemas/common.schemas.js';
import { validationHook } from '../validation-hook.js';

const uploadTicket = z
  .object({
    key: z.string().openapi({ description: "Set it as a post's imageKey once the bytes are uploaded" }),
    uploadUrl: z.url(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()).openapi({ description: 'Send exactly these with the PUT' }),
    expiresAt: z.iso.datetime(),
  })
  .openapi('UploadTicket');

const requestUpload = createRoute({
  method: 'post',
  path: '/uploads',
  summary: 'Ask for a URL to upload an image to (jpeg, png, webp or gif; at most 5 MiB)',
  ...signedIn,
  request: {
    body: {
      content: {
        'application/json': {
          schema: requestUploadInput,
          example: { contentType: 'image/png', size: 48213 },
        },
      },
      required: true,
    },
  },
  responses: {
    201: json(uploadTicket, 'Where to PUT the bytes, and the key to give the post'),
    ...errorResponses(400, 401, 413, 415, 422, 503),
  },
});

export function uploadRoutes(uploads: UploadService): OpenAPIHono<HttpEnv> {
  return new OpenAPIHono<HttpEnv>({ defaultHook: validationHook }).openapi(requestUpload, async (c) =>
    c.json(await uploads.requestUpload(requireActor(c), c.req.valid('json')), 201),
  );
}
