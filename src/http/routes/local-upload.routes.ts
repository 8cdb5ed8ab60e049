import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { Hono } from 'hono';
import { BadRequestError } from '../../domain/shared/errors.js';
import type { LocalUploadEndpoint } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';

/** Where the local stack's presigned URLs point: S3's part, played by the local API. */
export const LOCAL_UPLOADS_PATH = '/local-uploads';

/**
 * PUT and GET of presigned image URLs. Not part of the contract (in AWS these requests go to S3), so not in
 * the OpenAPI document; the bodies are images, so the JSON-only and 64 KiB rules do not apply here.
 */
export function localUploadRoutes(store: LocalUploadEndpoint): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const keyOf = (path: string) => {
    // decodeURIComponent throws on malformed escapes (a lone `%`, an encoded lone surrogate): a 400, not a 500.
    try {
      return decodeURIComponent(path.slice(LOCAL_UPLOADS_PATH.length + 1));
    } catch {
      throw new BadRequestError('The upload URL is not valid percent-encoding.');
    }
  };
  app.put(`${LOCAL_UPLOADS_PATH}/*`, async (c) => {
    await store.receive({
      key: keyOf(c.req.path),
      expires: c.req.query('expires'),
      signature: c.req.query('signature'),
      contentType: c.req.header('content-type'),
      contentLength: c.req.header('content-length'),
      body: c.req.raw.body ? Readable.fromWeb(c.req.raw.body as NodeWebStream<Uint8Array>) : null,
    });
    return c.body(null, 200);
  });
  app.get(`${LOCAL_UPLOADS_PATH}/*`, async (c) => {
    const image = await store.serve(keyOf(c.req.path), c.req.query('expires'), c.req.query('signature'));
    return c.body(Readable.toWeb(Readable.from(image.stream)) as ReadableStream, 200, {
      'content-type': image.contentType,
      'content-length': String(image.size),
      'cache-control': 'private, max-age=3600',
    });
  });
  return app;
}
