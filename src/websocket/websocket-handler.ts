import type { Logger } from '@aws-lambda-powertools/logger';
import type { Identity, TokenVerifier } from '../domain/auth/actor.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import type { ServerMessage } from '../domain/realtime/realtime-messages.js';
import { DomainError, UnavailableError } from '../domain/shared/errors.js';

/** The REST API's pause for a 503, so a client retries a refused handshake as it retries a request. */
const RETRY_AFTER_SECONDS = 2;

/** The parts of API Gateway's WebSocket events we read; $connect adds the query string and headers. */
export interface WebSocketEvent {
  requestContext: { routeKey?: string; eventType?: string; connectionId?: string };
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface WebSocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export type WebSocketHandler = (event: WebSocketEvent) => Promise<WebSocketResult>;

/**
 * One handler for the WebSocket API's three routes. $connect verifies the optional `?token=` with the
 * REST verifier (a bad one refuses the handshake with 401); $default answers each frame in its body,
 * which API Gateway returns to the client as the route response.
 */
export function createWebSocketHandler(deps: {
  realtime: RealtimeService;
  verifier: TokenVerifier;
  logger: Logger;
}): WebSocketHandler {
  return async (event) => {
    const connectionId = event.requestContext.connectionId;
    if (!connectionId) return { statusCode: 400, body: 'Not a WebSocket event.' };
    switch (event.requestContext.eventType ?? event.requestContext.routeKey) {
      case 'CONNECT':
      case '$connect': {
        const token = event.queryStringParameters?.token;
        let identity = null;
        if (token !== undefined) {
          try {
            identity = await deps.verifier.verify(token);
          } catch (error) {
            if (error instanceof DomainError && error.code === 'unauthorized')
              return { statusCode: 401, body: error.message };
            throw error;
          }
        }
        return admit(deps, connectionId, identity);
      }
      case 'DISCONNECT':
      case '$disconnect':
        await deps.realtime.disconnect(connectionId);
        return { statusCode: 200 };
      default: {
        const frame =
          event.isBase64Encoded && event.body
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body;
        const reply = await answer(deps, connectionId, frame ?? undefined);
        if (reply.type === 'error')
          deps.logger.debug('websocket frame refused', { connectionId, code: reply.code });
        return { statusCode: 200, body: JSON.stringify(reply) };
      }
    }
  };
}

/**
 * Records the connection. Storage being unreachable refuses the handshake with 503 and Retry-After (API
 * Gateway passes $connect's status on as the handshake's), as REST answers it; a throw would be a 500.
 */
async function admit(
  deps: { realtime: RealtimeService; logger: Logger },
  connectionId: string,
  identity: Identity | null,
): Promise<WebSocketResult> {
  try {
    await deps.realtime.connect(connectionId, identity);
    return { statusCode: 200 };
  } catch (error) {
    if (!(error instanceof UnavailableError)) throw error;
    deps.logger.warn('websocket handshake refused: storage unavailable', { connectionId, error });
    return {
      statusCode: 503,
      headers: { 'Content-Type': 'application/json', 'Retry-After': String(RETRY_AFTER_SECONDS) },
      body: JSON.stringify({ error: { code: error.code, message: error.message } }),
    };
  }
}

/**
 * A domain failure (storage unavailable...) is answered as an error frame with the REST error code, so the
 * client learns what to do and the connection stays open; anything else is a bug and goes to Lambda.
 */
async function answer(
  deps: { realtime: RealtimeService; logger: Logger },
  connectionId: string,
  frame: string | undefined,
): Promise<ServerMessage> {
  try {
    return await deps.realtime.receive(connectionId, frame);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    deps.logger.warn('websocket frame failed', { connectionId, code: error.code, error });
    return { type: 'error', code: error.code, message: error.message };
  }
}
