import type { Hono } from 'hono';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import { answerErrors, createShell, type ShellDeps, smallJsonBodies } from './app-shell.js';
import type { HttpEnv } from './http-env.js';
import type { BroadcastGuard } from './middleware/broadcast-guard.js';
import { broadcastRoutes } from './routes/broadcast.routes.js';

export interface BroadcastAppDeps extends ShellDeps {
  realtime: RealtimeService;
  broadcastGuard: BroadcastGuard;
}

/**
 * The broadcast function's app: POST /broadcast/comments and nothing else, as API Gateway routes only that
 * path to it. The local stack routes the same path to this app.
 */
export function createBroadcastApp(deps: BroadcastAppDeps): Hono<HttpEnv> {
  const app = createShell(deps);
  smallJsonBodies(app, '/broadcast/*');
  app.route('/', broadcastRoutes(deps.realtime, deps.broadcastGuard, deps.metrics));
  answerErrors(app, deps.logger);
  return app;
}
