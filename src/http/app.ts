import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './app-deps.js';
import { installedSwaggerUi } from './docs/swagger-ui-files.js';
import { errorResponse } from './error-response.js';
import { handleError } from './handle-error.js';
import type { HttpEnv } from './http-env.js';
import { authenticate, signInGate } from './middleware/authenticate.js';
import { businessMetrics } from './middleware/business-metrics.js';
import { jsonOnly } from './middleware/json-only.js';
import { requestId } from './middleware/request-id.js';
import { requestLog } from './middleware/request-log.js';
import { broadcastRoutes } from './routes/broadcast.routes.js';
import { commentRoutes } from './routes/comment.routes.js';
import { devRoutes } from './routes/dev.routes.js';
import { docsRoutes } from './routes/docs.routes.js';
import { favoriteRoutes } from './routes/favorite.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { localUploadRoutes } from './routes/local-upload.routes.js';
import { meRoutes } from './routes/me.routes.js';
import { postRoutes } from './routes/post.routes.js';
import { uploadRoutes } from './routes/upload.routes.js';

export const MAX_BODY_BYTES = 64 * 1024;

/** The one HTTP app: served by @hono/node-server locally and by the Lambda adapter in AWS. */
export function createApp(deps: AppDeps): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>();

  app.use(requestId());
  app.use(requestLog(deps.logger));
  if (deps.metrics) app.use(businessMetrics(deps.metrics));
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use(
    cors({
      origin: deps.config.allowedOrigins.includes('*') ? '*' : deps.config.allowedOrigins,
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Request-Id'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.route('/', healthRoutes(deps));
  // Who is calling is settled before anything reads the body: a bad token, or none on a protected route,
  // is 401 whatever the body says, so anonymous callers learn nothing of the body rules.
  app.use('/api/*', authenticate(deps.verifier, deps.profiles));
  app.use(signInGate());
  // The API's own bodies are small JSON; local image uploads (their own rules) sit outside these paths.
  for (const path of ['/api/*', '/broadcast/*']) {
    app.use(
      path,
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) =>
          errorResponse(c, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`),
      }),
    );
    app.use(path, jsonOnly());
  }

  for (const routes of [postRoutes, commentRoutes, favoriteRoutes, meRoutes]) app.route('/api', routes(deps));
  app.route('/api', uploadRoutes(deps.uploads));
  if (deps.localUploads) app.route('/', localUploadRoutes(deps.localUploads));
  if (deps.realtime && deps.broadcastGuard)
    app.route('/', broadcastRoutes(deps.realtime, deps.broadcastGuard, deps.metrics));
  if (deps.config.environment === 'local' && deps.devTokens) app.route('/', devRoutes(deps.devTokens));

  if (deps.config.exposeDocs) {
    app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    app.doc31('/openapi.json', {
      openapi: '3.1.0',
      info: {
        title: 'blogapp API',
        version: deps.config.version,
        description: 'Posts, comments, favorites, profiles.',
      },
    });
    app.route('/', docsRoutes(installedSwaggerUi(), '/openapi.json'));
  }

  app.notFound((c) => errorResponse(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((error, c) => handleError(error, c, deps.logger));
  return app;
}
