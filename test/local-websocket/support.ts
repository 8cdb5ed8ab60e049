import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { type ClientOptions, WebSocket } from 'ws';
import type { LocalWebSocketGatewayOptions } from '../../src/local/websocket/gateway-options.js';
import type { LocalWebSocketEvent, LocalWebSocketHandler } from '../../src/local/websocket/types.js';
import {
  type LocalWebSocketGateway,
  startLocalWebSocketGateway,
} from '../../src/local/websocket/websocket-gateway.js';

export interface LogLine {
  level: 'warn' | 'error';
  message: string;
  details?: Record<string, unknown>;
}

export interface TestGateway {
  gateway: LocalWebSocketGateway;
  events: LocalWebSocketEvent[];
  logs: LogLine[];
  /** The events of one route, optionally of one connection. */
  route(routeKey: string, connectionId?: string): LocalWebSocketEvent[];
}

/**
 * The small handler the suite runs behind the gateway. $connect refuses `?token=bad` with 401, throws on
 * `?token=throw`, waits on `?token=slow` and picks the `chat` subprotocol on `?token=proto`. $default
 * echoes (after a random pause, so ordering is really tested) and throws on `throw`.
 */
export function testHandler(events: LocalWebSocketEvent[]): LocalWebSocketHandler {
  return async (event) => {
    events.push(event);
    const { routeKey } = event.requestContext;
    if (routeKey === '$connect') {
      const token = event.queryStringParameters?.token;
      if (token === 'bad') return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
      if (token === 'throw') throw new Error('connect failed');
      if (token === 'slow') await sleep(200);
      if (token === 'proto') return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat' } };
      return { statusCode: 200 };
    }
    if (routeKey === '$default') {
      if (event.body === 'throw') throw new Error('message failed');
      if (event.body === 'silent') return { statusCode: 200 };
      await sleep(Math.random() * 2);
      return { statusCode: 200, body: `${event.isBase64Encoded ? 'b64' : 'echo'}:${event.body}` };
    }
    return { statusCode: 200 };
  };
}

/** Starts a gateway on a free loopback port with `handler` (the test handler by default). */
export async function startTestGateway(
  options: Partial<LocalWebSocketGatewayOptions> = {},
  handler?: (events: LocalWebSocketEvent[]) => LocalWebSocketHandler,
): Promise<TestGateway> {
  const events: LocalWebSocketEvent[] = [];
  const logs: LogLine[] = [];
  const gateway = await startLocalWebSocketGateway({
    handler: (handler ?? testHandler)(events),
    options: { port: 0, ...options },
    log: {
      warn: (message, details) => logs.push({ level: 'warn', message, details }),
      error: (message, details) => logs.push({ level: 'error', message, details }),
    },
  });
  return {
    gateway,
    events,
    logs,
    route: (routeKey, connectionId) =>
      events.filter(
        (e) =>
          e.requestContext.routeKey === routeKey &&
          (connectionId === undefined || e.requestContext.connectionId === connectionId),
      ),
  };
}

/** Opens a client and resolves once the handshake is complete. */
export function connect(url: string, protocols?: string[], options?: ClientOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
  });
}

/** The HTTP status and body a refused handshake answered with. */
export function refusal(
  url: string,
  protocols?: string[],
  options?: ClientOptions,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('open', () => reject(new Error('handshake unexpectedly accepted')));
    ws.once('unexpected-response', (req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    ws.once('error', () => undefined);
  });
}

/** The next `count` text messages the client receives. */
export function messages(ws: WebSocket, count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const received: string[] = [];
    const onMessage = (data: Buffer) => {
      received.push(data.toString('utf8'));
      if (received.length === count) {
        ws.off('message', onMessage);
        resolve(received);
      }
    };
    ws.on('message', onMessage);
  });
}

export async function nextMessage(ws: WebSocket): Promise<string> {
  return (await messages(ws, 1))[0] as string;
}

/** Resolves with the close code and reason once the client's socket has closed. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve({ code: -1, reason: 'already closed' });
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
  });
}

/** Polls until `check` returns a truthy value (assertions inside need not hold at first). */
export async function eventually<T>(check: () => T, timeoutMs = 3_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The gateway's default signing credentials (the management client's for loopback endpoints). */
export const GATEWAY_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The real SDK client, aimed at the gateway with the gateway's default credentials unless told others. */
export function managementClient(
  endpoint: string,
  credentials = GATEWAY_CREDENTIALS,
): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1', credentials });
}

/**
 * A raw `fetch` to the management API, SigV4-signed by the AWS SDK's signer as the SDK client would sign it,
 * for requests the client cannot make (bare paths, unknown routes). `tamper` changes the body after signing;
 * `replayTo` sends the request, signed for `url`, to another URL.
 */
export async function signedFetch(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  options: {
    credentials?: typeof GATEWAY_CREDENTIALS;
    tamper?: string;
    replayTo?: string;
    /** Headers sent in place of the signed ones of the same names. */
    tamperHeaders?: Record<string, string>;
  } = {},
): Promise<Response> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: options.credentials ?? GATEWAY_CREDENTIALS,
    region: 'us-east-1',
    service: 'execute-api',
    sha256: Sha256,
  });
  const method = init.method ?? 'GET';
  const signed = await signer.sign({
    method,
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: {},
    headers: { ...init.headers, host: target.host },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const { host: _host, ...signedHeaders } = signed.headers;
  const headers = { ...signedHeaders, ...options.tamperHeaders };
  const body = options.tamper ?? init.body;
  return fetch(options.replayTo ?? url, { method, headers, ...(body === undefined ? {} : { body }) });
}

/**
 * An event reduced to its structure: every key kept, every leaf replaced by its type, so it can be
 * compared with AWS's samples whatever the ids and times.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return value === null ? 'null' : typeof value;
}
