/**
 * Lambda entry for the WebSocket API's $connect, $disconnect and $default routes; the local gateway runs
 * the same createWebSocketHandler.
 */
import { composeWebSocket } from '../../composition/compose-websocket.js';
import { loadConfig } from '../../config/config.js';
import { createWebSocketHandler } from '../../websocket/websocket-handler.js';
import { instrument } from './instrument.js';

const deps = await composeWebSocket(loadConfig());

export const handler = instrument(deps, createWebSocketHandler(deps));
