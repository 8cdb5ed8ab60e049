import { Hono } from 'hono';
import type { Config } from '../../config/config.js';
import type { HttpEnv } from '../http-env.js';

type Document = {
  openapi: string;
  info: Record<string, unknown>;
  components: { schemas: Record<string, unknown> } & Record<string, unknown>;
  paths: Record<string, unknown>;
  webhooks: Record<string, unknown>;
};

const REF = /"#\/components\/schemas\/([^"]+)"/g;

/** `document` without `paths` and the components only they referred to. */
function without(document: Document, paths: readonly string[]): Document {
  if (paths.length === 0) return document;
  const kept = Object.fromEntries(Object.entries(document.paths).filter(([path]) => !paths.includes(path)));
  const used = new Set<string>();
  const follow = (value: unknown) => {
    for (const [, id] of JSON.stringify(value).matchAll(REF)) {
      if (id && !used.has(id)) {
        used.add(id);
        follow(document.components.schemas[id]);
      }
    }
  };
  follow(kept);
  const schemas = Object.fromEntries(
    Object.entries(document.components.schemas).filter(([id]) => used.has(id)),
  );
  return { ...document, components: { ...document.components, schemas }, paths: kept };
}

/**
 * GET /openapi.json: the document `npm run gen:api` generated from the routes' declarations
 * (src/http/docs/openapi.json), read on the first request rather than at start-up, with this stack's
 * version and address. `unserved` are documented paths this app does not mount (the local-only ones).
 */
export function openApiRoutes(
  config: Pick<Config, 'environment' | 'version'>,
  unserved: readonly string[],
): Hono<HttpEnv> {
  let document: Promise<Document> | undefined;
  const app = new Hono<HttpEnv>();
  app.get('/openapi.json', async (c) => {
    document ??= import('../docs/openapi.json', { with: { type: 'json' } }).then(({ default: generated }) =>
      without(generated as Document, unserved),
    );
    const { openapi, info, ...rest } = await document;
    return c.json({
      openapi,
      info: { ...info, version: config.version },
      // The stack that served this document, so Swagger UI and generated clients call it and no other.
      servers: [{ url: new URL(c.req.url).origin, description: `${config.environment} stack` }],
      ...rest,
    });
  });
  return app;
}
