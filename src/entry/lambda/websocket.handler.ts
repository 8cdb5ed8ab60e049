/**
 * Lambda entry for the WebSocket API's $connect, $disconnect and $default routes; the local gateway runs
 * the same createWebSocketHandler.
 */
import { createWebSocketHandler } from '../../websocket/websocket-handler.js';
import { composeRealtime } from './realtime-deps.js';
import { withLambdaContext } from './with-lambda-context.js';

const deps = await composeRealtime();

export const handler = withLambdaContext(deps.logger, createWebSocketHandler(deps));
