import type { Hono } from 'hono';
import type { AppDeps } from './app-deps.js';
import { answerErrors, createShell, jsonBodyRules } from './app-shell.js';
import { installedSwaggerUi } from './docs/swagger-ui-files.js';
import type { HttpEnv } from './http-env.js';
import { admitCaller, tokenChecked } from './middleware/authenticate.js';
import { commentRoutes } from './routes/comment.routes.js';
import { devApi, devRoutes } from './routes/dev.routes.js';
import { docsRoutes } from './routes/docs.routes.js';
import { favoriteRoutes } from './routes/favorite.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { localUploadRoutes } from './routes/local-upload.routes.js';
import { meRoutes } from './routes/me.routes.js';
import { openApiRoutes } from './routes/openapi.routes.js';
import { postRoutes } from './routes/post.routes.js';
import { uploadRoutes } from './routes/upload.routes.js';

export { MAX_BODY_BYTES } from './app-shell.js';

/**
 * The API function's app (everything under /api, health, docs; locally the dev routes and the upload
 * endpoint): served by @hono/node-server locally and by the Lambda adapter in AWS. The broadcast route is
 * its own function's app (broadcast-app.ts).
 */
export function createApp(deps: AppDeps): Hono<HttpEnv> {
  const app = createShell(deps);
  app.route('/', healthRoutes(deps));
  // Who is calling is settled before anything reads the body: a bad token, or none on a protected route,
  // is 401 whatever the body says, so anonymous callers learn nothing of the body rules. The API's own
  // bodies are small JSON; local image uploads (their own rules) sit outside these paths, and every route
  // that needs a signed-in caller is under /api. Each route runs the admission inside its one handler, and
  // an unknown path under /api is admitted before its 404 (answerErrors, below).
  const admit = admitCaller(deps.verifier, deps.profiles, jsonBodyRules());
  for (const routes of [postRoutes, commentRoutes, favoriteRoutes, meRoutes]) {
    app.route('/', routes(deps, admit));
  }
  app.route('/', uploadRoutes(deps.uploads, admit));

  if (deps.localUploads) app.route('/', localUploadRoutes(deps.localUploads));
  const devTokens = deps.config.environment === 'local' ? deps.devTokens : undefined;
  if (devTokens) app.route('/', devRoutes(devTokens, admit));

  if (deps.config.exposeDocs) {
    // The contract's "a bad token is 401 on every route" covers the docs too (health checks it itself).
    const checkToken = tokenChecked(deps.verifier);
    for (const path of ['/openapi.json', '/docs', '/docs/*']) app.use(path, checkToken);
    app.route('/', openApiRoutes(deps.config, devTokens ? [] : devApi.map((route) => route.path)));
    app.route('/', docsRoutes(installedSwaggerUi(), '/openapi.json'));
  }

  answerErrors(app, deps.logger, { under: '/api/', admit });
  return app;
}
