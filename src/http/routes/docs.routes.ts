import { Hono, type MiddlewareHandler } from 'hono';
import { SWAGGER_UI_FILES, type SwaggerUiFile, type SwaggerUiFiles } from '../docs/swagger-ui-files.js';
import { errorResponse } from '../error-response.js';
import type { HttpEnv } from '../http-env.js';

/**
 * Scripts and styles from this origin only, no inline script (the start-up code is a file too), requests to
 * this origin only: the page cannot load or send anything elsewhere, whatever the OpenAPI document says.
 */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const page = (openApiPath: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>blogapp API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui" data-openapi="${openApiPath}"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

// validatorUrl: null, else Swagger UI shows a badge fetched from validator.swagger.io.
const START = `var root = document.getElementById('swagger-ui');
window.ui = SwaggerUIBundle({ url: root.dataset.openapi, domNode: root, deepLinking: true, validatorUrl: null });
`;

const setCsp: MiddlewareHandler<HttpEnv> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', DOCS_CSP);
};

/** `/docs`: Swagger UI over `openApiPath`, every file served from here (the pinned swagger-ui-dist). */
export function docsRoutes(files: SwaggerUiFiles, openApiPath: string): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use('/docs', setCsp);
  app.use('/docs/*', setCsp);
  app.get('/docs', (c) => c.html(page(openApiPath)));
  // start.js is answered here rather than by a route of its own: a static path beside `/docs/:file`
  // is more than Hono's RegExpRouter takes, and the app would fall back to the slower TrieRouter for
  // every request.
  app.get('/docs/:file', async (c) => {
    const name = c.req.param('file');
    if (name === 'start.js') {
      return c.body(START, 200, { 'content-type': SWAGGER_UI_FILES['swagger-ui-bundle.js'] });
    }
    if (!Object.hasOwn(SWAGGER_UI_FILES, name)) {
      return errorResponse(c, 'not_found', `No file ${name} in the API docs.`);
    }
    const bytes = await files.read(name as SwaggerUiFile);
    if (!bytes) {
      return errorResponse(
        c,
        'not_found',
        `Swagger UI (${name}) is not installed beside this API; run npm install, or read /openapi.json.`,
      );
    }
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': SWAGGER_UI_FILES[name as SwaggerUiFile],
      'cache-control': 'public, max-age=86400',
    });
  });
  return app;
}
