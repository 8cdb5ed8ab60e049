import type { WebSocketEvent, WebSocketHandler } from '../../../src/websocket/websocket-handler.js';
import { awsEvent } from '../../support/aws-events.js';

/**
 * The WebSocket function driven with AWS's sample events, one connection id per $connect; no socket is
 * behind them, so the management API answers a push to one 410, as AWS does once a reader has gone.
 */
export function webSocketEvents(handler: WebSocketHandler) {
  let connections = 0;
  const event = (sample: string, connectionId: string, edit: Partial<WebSocketEvent> = {}) => {
    const e = awsEvent<WebSocketEvent>(sample);
    e.requestContext.connectionId = connectionId;
    return Object.assign(e, edit);
  };
  const frame = async (connectionId: string, message: Record<string, string>, expected: string) => {
    const e = event('py_apiGatewayWebSocketApiMessage', connectionId, { body: JSON.stringify(message) });
    e.requestContext.routeKey = '$default';
    const { body } = await handler(e);
    if (JSON.parse(body ?? '{}').type !== expected) {
      throw new Error(`${JSON.stringify(message)} was answered ${body}, not ${expected}`);
    }
  };
  const connect = async (token?: string) => {
    const id = `IamCheckConn${++connections}=`;
    const query = { queryStringParameters: token ? { token } : null };
    const { statusCode } = await handler(event('py_apiGatewayWebSocketApiConnect', id, query));
    if (statusCode !== 200) throw new Error(`$connect answered ${statusCode}`);
    return id;
  };
  return {
    connect,
    frame,
    disconnect: async (connectionId: string) => {
      const { statusCode } = await handler(event('py_apiGatewayWebSocketApiDisconnect', connectionId));
      if (statusCode !== 200) throw new Error(`$disconnect answered ${statusCode}`);
    },
    /** A reader of `postId` who has gone: the first push to it removes it. */
    goneReaderOf: async (postId: string) =>
      frame(await connect(), { action: 'subscribe', postId }, 'subscribed'),
  };
}
