import { awsId, awsRequestTime } from './aws-format.js';
import type { HeaderMaps, QueryMaps } from './request-maps.js';
import type { LocalWebSocketEvent, WebSocketIdentity } from './types.js';

/** What every event of one connection shares. */
export interface ConnectionContext {
  connectionId: string;
  connectedAt: number;
  identity: WebSocketIdentity;
  domainName: string;
  stage: string;
  apiId: string;
}

/**
 * The fields of `requestContext` in AWS's key order (see the captured samples in
 * test/fixtures/aws-events), with fresh request ids and the time of this request.
 */
function requestContext(
  ctx: ConnectionContext,
  route: { routeKey: string; eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT' },
  extra: { messageId?: string; disconnectStatusCode?: number; disconnectReason?: string },
  now: number,
): LocalWebSocketEvent['requestContext'] {
  const requestId = awsId();
  // The cast: aws-lambda's type insists on `messageId`, which AWS sends only on MESSAGE.
  return {
    routeKey: route.routeKey,
    ...(extra.disconnectStatusCode === undefined ? {} : { disconnectStatusCode: extra.disconnectStatusCode }),
    ...(extra.messageId === undefined ? {} : { messageId: extra.messageId }),
    eventType: route.eventType,
    // AWS sends the same value in both; only API Gateway's own logs tell them apart.
    extendedRequestId: requestId,
    requestTime: awsRequestTime(now),
    messageDirection: 'IN' as const,
    ...(extra.disconnectReason === undefined ? {} : { disconnectReason: extra.disconnectReason }),
    stage: ctx.stage,
    connectedAt: ctx.connectedAt,
    requestTimeEpoch: now,
    identity: { ...ctx.identity },
    requestId,
    domainName: ctx.domainName,
    connectionId: ctx.connectionId,
    apiId: ctx.apiId,
  } as LocalWebSocketEvent['requestContext'];
}

/** The $connect event: the upgrade request's headers, and its query string only when it had one. */
export function connectEvent(
  ctx: ConnectionContext,
  request: HeaderMaps & { query: QueryMaps | undefined },
  now = Date.now(),
): LocalWebSocketEvent {
  return {
    headers: request.headers,
    multiValueHeaders: request.multiValueHeaders,
    ...request.query,
    requestContext: requestContext(ctx, { routeKey: '$connect', eventType: 'CONNECT' }, {}, now),
    isBase64Encoded: false,
  };
}

/**
 * A client message on the `$default` route. No headers: AWS sends none after the handshake. A binary
 * frame arrives base64-encoded, as AWS delivers non-text payloads.
 */
export function messageEvent(
  ctx: ConnectionContext,
  payload: { data: Buffer; isBinary: boolean },
  now = Date.now(),
): LocalWebSocketEvent {
  return {
    requestContext: requestContext(
      ctx,
      { routeKey: '$default', eventType: 'MESSAGE' },
      { messageId: awsId() },
      now,
    ),
    body: payload.isBinary ? payload.data.toString('base64') : payload.data.toString('utf8'),
    isBase64Encoded: payload.isBinary,
  };
}

/** The $disconnect event, carrying the close status the connection ended with. */
export function disconnectEvent(
  ctx: ConnectionContext,
  headers: HeaderMaps,
  status: { code: number; reason: string },
  now = Date.now(),
): LocalWebSocketEvent {
  return {
    headers: headers.headers,
    multiValueHeaders: headers.multiValueHeaders,
    requestContext: requestContext(
      ctx,
      { routeKey: '$disconnect', eventType: 'DISCONNECT' },
      { disconnectStatusCode: status.code, disconnectReason: status.reason },
      now,
    ),
    isBase64Encoded: false,
  };
}
