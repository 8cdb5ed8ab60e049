/**
 * Lambda entry for the WebSocket API's $connect, $disconnect and $default routes; the local gateway runs
 * the same createWebSocketHandler.
 */
import { createWebSocketHandler } from '../../websocket/websocket-handler.js';
import { instrument } from './instrument.js';
import { composeRealtime } from './realtime-deps.js';

const deps = await composeRealtime();

export const handler = instrument(deps, createWebSocketHandler(deps));
