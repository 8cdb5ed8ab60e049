import { afterEach, describe, expect, it } from 'vitest';
import { awsRequestTime } from '../../src/local/websocket/aws-format.js';
import { awsEvent } from '../support/aws-events.js';
import {
  closed,
  connect,
  eventually,
  nextMessage,
  shapeOf,
  startTestGateway,
  type TestGateway,
} from './support.js';

const AWS_ID = /^[A-Za-z0-9_-]{15}=$/;
const AWS_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

describe('local WebSocket gateway: events as AWS shapes them', () => {
  let t: TestGateway;
  afterEach(() => t?.gateway.close());

  it('formats requestTime as AWS does', () => {
    expect(awsRequestTime(Date.UTC(2026, 10, 23, 8, 0, 0))).toBe('23/Nov/2026:08:00:00 +0000');
  });

  it('sends a $connect with the same keys as AWS, and no query string keys without a query string', async () => {
    // Prepare
    t = await startTestGateway();
    // Act
    const ws = await connect(t.gateway.url);
    // Assess
    const [event] = t.route('$connect');
    const sample = awsEvent('py_apiGatewayWebSocketApiConnect');
    expect(shapeOf(event)).toEqual(shapeOf(sample));
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('multiValueQueryStringParameters');
    const ctx = event?.requestContext;
    expect(ctx).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'local',
      apiId: 'local',
      domainName: `127.0.0.1:${t.gateway.port}`,
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(ctx?.connectionId).toMatch(AWS_ID);
    expect(ctx?.requestId).toMatch(AWS_ID);
    expect(ctx?.extendedRequestId).toBe(ctx?.requestId);
    expect(ctx?.requestTime).toMatch(AWS_TIME);
    expect(ctx?.requestTimeEpoch).toBeGreaterThanOrEqual(ctx?.connectedAt ?? Number.NaN);
    expect(event?.headers?.Host).toBe(`127.0.0.1:${t.gateway.port}`);
    expect(event?.headers?.['Sec-WebSocket-Key']).toMatch(/==$/);
    expect(event?.multiValueHeaders?.['Sec-WebSocket-Key']).toEqual([event?.headers?.['Sec-WebSocket-Key']]);
    expect(event?.headers?.['X-Forwarded-For']).toBe('127.0.0.1');
    expect(event?.isBase64Encoded).toBe(false);
    ws.close();
  });

  it('passes the query string, repeated parameters comma-joined, and the user agent when there is one', async () => {
    t = await startTestGateway();
    const ws = await connect(`${t.gateway.url}/?token=ok&tag=a&tag=b%20c`, undefined, {
      headers: { 'User-Agent': 'blogapp-test/1.0', 'X-Forwarded-For': '10.0.0.7' },
    });
    const [event] = t.route('$connect');
    expect(event?.queryStringParameters).toEqual({ token: 'ok', tag: 'a,b c' });
    expect(event?.multiValueQueryStringParameters).toEqual({ token: ['ok'], tag: ['a', 'b c'] });
    expect(event?.requestContext.identity).toEqual({ sourceIp: '127.0.0.1', userAgent: 'blogapp-test/1.0' });
    // API Gateway appends the address it saw to what the client claimed.
    expect(event?.headers?.['X-Forwarded-For']).toBe('10.0.0.7, 127.0.0.1');
    expect(
      Object.keys(event?.headers ?? {}).filter((k) => k.toLowerCase() === 'x-forwarded-for'),
    ).toHaveLength(1);
    ws.close();
  });

  it('sends each message as a $default MESSAGE with the keys AWS sends and no headers', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.send('{"action":"ping"}');
    await nextMessage(ws);
    const [connectEvent] = t.route('$connect');
    const [event] = t.route('$default');
    expect(shapeOf(event)).toEqual(shapeOf(awsEvent('py_apiGatewayWebSocketApiMessage')));
    expect(event).not.toHaveProperty('headers');
    expect(event?.body).toBe('{"action":"ping"}');
    expect(event?.isBase64Encoded).toBe(false);
    expect(event?.requestContext).toMatchObject({
      routeKey: '$default',
      eventType: 'MESSAGE',
      connectionId: connectEvent?.requestContext.connectionId,
      connectedAt: connectEvent?.requestContext.connectedAt,
    });
    expect(event?.requestContext.messageId).toMatch(AWS_ID);
    expect(event?.requestContext.requestId).not.toBe(connectEvent?.requestContext.requestId);
    ws.close();
  });

  it('delivers a binary frame base64-encoded with isBase64Encoded true', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    ws.send(bytes);
    expect(await nextMessage(ws)).toBe(`b64:${bytes.toString('base64')}`);
    const [event] = t.route('$default');
    expect(event).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    ws.close();
  });

  it('sends a $disconnect with the keys AWS sends, reporting a close frame without a status as AWS does', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.close();
    await closed(ws);
    const event = await eventually(() => t.route('$disconnect')[0]);
    expect(shapeOf(event)).toEqual(shapeOf(awsEvent('py_apiGatewayWebSocketApiDisconnect')));
    expect(event.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      disconnectStatusCode: 1005,
      disconnectReason: 'Client-side close frame status not set',
      connectionId: t.route('$connect')[0]?.requestContext.connectionId,
    });
    expect(event.headers?.Host).toBe(`127.0.0.1:${t.gateway.port}`);
  });

  it("reports the client's own close code and reason", async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.close(4000, 'bye');
    const event = await eventually(() => t.route('$disconnect')[0]);
    expect(event.requestContext).toMatchObject({ disconnectStatusCode: 4000, disconnectReason: 'bye' });
  });

  it('gives every connection its own id', async () => {
    t = await startTestGateway();
    const clients = await Promise.all(Array.from({ length: 20 }, () => connect(t.gateway.url)));
    const ids = new Set(t.route('$connect').map((e) => e.requestContext.connectionId));
    expect(ids.size).toBe(20);
    for (const ws of clients) ws.close();
  });
});
