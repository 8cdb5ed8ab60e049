/**
 * A local stand-in for API Gateway's WebSocket API: clients connect with any WebSocket library, the
 * same Lambda handler receives $connect, $default and $disconnect events shaped as AWS sends them, and
 * the real `ApiGatewayManagementApiClient` pushes to connections through `managementEndpoint`.
 */
import { createServer, type IncomingMessage, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import pLimit from 'p-limit';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { type HeaderReader, hostGuard } from '../host-guard.js';
import { connectionIds } from './aws-format.js';
import { type ConnectionContext, connectEvent, disconnectEvent, messageEvent } from './events.js';
import { FrameSizeGuard } from './frame-size-guard.js';
import { type CloseStatus, GatewayConnection, SERVER_CLOSE } from './gateway-connection.js';
import { type LocalWebSocketGatewayOptions, resolveGatewayOptions } from './gateway-options.js';
import { invokeHandler, isSuccess, refusalHeaders } from './invoke-handler.js';
import { handleManagementRequest, type ManagementApiDeps } from './management-api.js';
import { connectHeaders, connectQuery, disconnectHeaders } from './request-maps.js';
import { sigV4Verifier } from './sigv4-verifier.js';
import type { GatewayLog, LocalWebSocketHandler } from './types.js';

export interface LocalWebSocketGateway {
  /** Where clients connect, e.g. `ws://127.0.0.1:3001`. */
  url: string;
  /** The management API's endpoint for `ApiGatewayManagementApiClient`, e.g. `http://127.0.0.1:3001/local`. */
  managementEndpoint: string;
  port: number;
  /** Connections open right now (handshakes in progress not included). */
  connectionCount(): number;
  /** Closes every connection (each gets its $disconnect), then the server. */
  close(): Promise<void>;
}

export interface StartLocalWebSocketGatewayInput {
  handler: LocalWebSocketHandler;
  options?: Partial<LocalWebSocketGatewayOptions>;
  log?: GatewayLog;
}

/** A $connect the handler is deciding on, found again by request when `ws` completes the handshake. */
interface Handshake {
  context: ConnectionContext;
  socket: Duplex;
  protocol?: string;
  opened: boolean;
}

type VerifyDone = (accept: boolean, status?: number, body?: string, headers?: Record<string, string>) => void;

/** Starts the gateway on one HTTP server: WebSocket upgrades and the `@connections` API side by side. */
export async function startLocalWebSocketGateway({
  handler: unlimited,
  options,
  log = console,
}: StartLocalWebSocketGatewayInput): Promise<LocalWebSocketGateway> {
  const opts = resolveGatewayOptions(options);
  // In AWS each invocation has a sandbox of its own; here they share one process and one embedded store,
  // so a thousand sockets closing at once queue for a bounded pool instead of timing out together.
  const limit = pLimit(opts.maxConcurrentInvocations);
  const handler: LocalWebSocketHandler = (event) => limit(() => unlimited(event));
  const connections = new Map<string, GatewayConnection>();
  const newConnectionId = connectionIds();
  const handshakes = new WeakMap<IncomingMessage, Handshake>();
  // Handshakes and connection lifetimes still running, so close() can wait for every $disconnect.
  const inFlight = new Set<Promise<void>>();
  let handshaking = 0;
  // Per source IP: one client's burst of handshakes must not take every $connect the storage can serve.
  const handshakingByClient = new Map<string, number>();
  const hosts = hostGuard(opts.allowedHosts);
  let closing: Promise<void> | undefined;
  let domainName = '';

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  // Built once, not per request: a fan-out sends thousands of requests a second here.
  const verify = sigV4Verifier({
    credentials: opts.credentials,
    region: opts.region,
    service: 'execute-api',
  });
  const management: ManagementApiDeps = {
    stage: opts.stage,
    maxMessageBytes: opts.maxMessageBytes,
    findConnection: (id) => connections.get(id),
    verifySignature: opts.verifySignatures ? async (req, body) => verify(req, body, Date.now()) : unchecked,
  };

  const server = createServer((req, res) => {
    if (!hosts.allows(req.headers.host)) {
      const { status, body, headers } = hosts.refusal(req.headers.host, headerOf(req));
      res.writeHead(status, headers).end(body);
      return;
    }
    handleManagementRequest(req, res, management).catch((error: unknown) => {
      log.error('Local WebSocket gateway: management request failed', { error });
      res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // API Gateway does not negotiate compression, and frame limits apply to the bytes on the wire.
    perMessageDeflate: false,
    maxPayload: opts.maxMessageBytes,
    // `ws` validates the handshake first and only then asks here, so $connect sees only valid upgrades.
    verifyClient: (info, done) => track(admit(info.req, done as VerifyDone)),
    // API Gateway answers with a subprotocol only when $connect returned one; `ws` would pick the first.
    handleProtocols: (offered, req) => {
      const chosen = handshakes.get(req)?.protocol;
      return chosen !== undefined && offered.has(chosen) ? chosen : false;
    },
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const context = newContext(req);
    handshakes.set(req, { context, socket, opened: false });
    wss.handleUpgrade(req, socket, head, (ws) => open(ws, req));
  });

  function newContext(req: IncomingMessage): ConnectionContext {
    const userAgent = req.headers['user-agent'];
    return {
      connectionId: newConnectionId(),
      connectedAt: Date.now(),
      identity: {
        sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
        ...(userAgent === undefined ? {} : { userAgent }),
      },
      domainName,
      stage: opts.stage,
      apiId: opts.apiId,
    };
  }

  async function admit(req: IncomingMessage, done: VerifyDone): Promise<void> {
    const handshake = handshakes.get(req) as Handshake;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hosts.allows(req.headers.host)) {
      const { status, body, headers } = hosts.refusal(req.headers.host, headerOf(req));
      return done(false, status, body, headers);
    }
    if (url.pathname !== '/' && url.pathname !== `/${opts.stage}`) return refuse(done, 404);
    if (closing) return refuse(done, 503);
    if (connections.size + handshaking >= opts.maxConnections) return refuse(done, 429, 'Limit Exceeded');
    const client = handshake.context.identity.sourceIp;
    const clientHandshakes = handshakingByClient.get(client) ?? 0;
    if (clientHandshakes >= opts.maxHandshakesPerClient) return refuse(done, 429, 'Limit Exceeded');
    handshakingByClient.set(client, clientHandshakes + 1);
    handshaking++;
    try {
      const { context } = handshake;
      const headers = connectHeaders(req, context.identity.sourceIp, context.connectedAt);
      const event = connectEvent(context, { ...headers, query: connectQuery(url) }, context.connectedAt);
      const invocation = await invokeHandler(handler, event, opts.integrationTimeoutMs);
      if (invocation.outcome === 'error') {
        log.error('Local WebSocket gateway: $connect handler failed', {
          connectionId: context.connectionId,
          error: invocation.error,
        });
        return refuse(done, 500, 'Internal server error');
      }
      if (invocation.outcome === 'timeout') {
        log.warn('Local WebSocket gateway: $connect handler timed out', {
          connectionId: context.connectionId,
        });
        return refuse(done, 504, 'Endpoint request timed out');
      }
      const { response } = invocation;
      if (!isSuccess(response.statusCode)) {
        // As API Gateway does: the refusing handler's status, body and headers (a 503's Retry-After) reach the client.
        return refuse(done, response.statusCode, undefined, response.body, refusalHeaders(response.headers));
      }
      // From here the handler believes the connection exists, so it is owed exactly one $disconnect.
      if (closing) {
        refuse(done, 503);
        return runDisconnect(context, SERVER_CLOSE.shutdown);
      }
      handshake.protocol = response.headers['sec-websocket-protocol'];
      done(true);
      // `ws` completes synchronously, or silently drops a socket the client already closed.
      if (!handshake.opened) await runDisconnect(context, { code: 1006, reason: '' });
    } finally {
      handshaking--;
      const left = (handshakingByClient.get(client) ?? 1) - 1;
      if (left > 0) handshakingByClient.set(client, left);
      else handshakingByClient.delete(client);
    }
  }

  function refuse(
    done: VerifyDone,
    status: number,
    message?: string,
    body?: string,
    headers: Record<string, string> = {},
  ): void {
    const text = message ?? GATEWAY_MESSAGES[status] ?? STATUS_CODES[status] ?? 'Error';
    done(false, status, body ?? JSON.stringify({ message: text }), {
      'Content-Type': 'application/json',
      ...(status === 429 ? { 'Retry-After': '1' } : {}),
      ...headers,
    });
  }

  function open(ws: WebSocket, req: IncomingMessage): void {
    const handshake = handshakes.get(req) as Handshake;
    handshake.opened = true;
    const connection = new GatewayConnection(handshake.context, ws, opts);
    connections.set(connection.id, connection);

    const guard = new FrameSizeGuard(opts, () => connection.close(SERVER_CLOSE.tooBig));
    // Ahead of `ws`'s own listener, so an oversized frame is caught at its header, before `ws` buffers it.
    handshake.socket.prependListener('data', (chunk: Buffer) => guard.push(chunk));

    ws.on('message', (data, isBinary) => {
      if (!connection.isOpen) return;
      connection.touch();
      void connection.enqueue(() => deliver(connection, toBuffer(data), isBinary));
    });
    ws.on('ping', () => connection.touch());
    ws.on('pong', () => connection.touch());
    ws.on('error', (error) => {
      log.warn('Local WebSocket gateway: protocol error', {
        connectionId: connection.id,
        error: error.message,
      });
    });
    track(
      new Promise<void>((finished) => {
        ws.once('close', (code, reason) => {
          connections.delete(connection.id);
          connection.dispose();
          const status = connection.disconnectStatus(code, reason);
          // Behind the messages still queued, so the handler never hears from a connection it has let go.
          finished(connection.enqueue(() => runDisconnect(connection.context, status)));
        });
      }),
    );
  }

  async function deliver(connection: GatewayConnection, data: Buffer, isBinary: boolean): Promise<void> {
    const event = messageEvent(connection.context, { data, isBinary });
    const invocation = await invokeHandler(handler, event, opts.integrationTimeoutMs);
    const ids = { connectionId: connection.id, requestId: event.requestContext.requestId };
    if (invocation.outcome === 'ok') {
      const { body, isBase64Encoded } = invocation.response;
      // A returned body is the route response of a two-way route: AWS sends it back on the socket.
      if (body) connection.send(isBase64Encoded ? Buffer.from(body, 'base64') : body, isBase64Encoded);
      return;
    }
    if (invocation.outcome === 'error') {
      log.error('Local WebSocket gateway: $default handler failed', { ...ids, error: invocation.error });
      connection.send(JSON.stringify({ message: 'Internal server error', ...ids }));
      return;
    }
    log.warn('Local WebSocket gateway: $default handler timed out', ids);
    connection.send(JSON.stringify({ message: 'Endpoint request timed out', ...ids }));
  }

  async function runDisconnect(context: ConnectionContext, status: CloseStatus): Promise<void> {
    const event = disconnectEvent(context, disconnectHeaders(context.domainName), status);
    const invocation = await invokeHandler(handler, event, opts.integrationTimeoutMs);
    if (invocation.outcome === 'error') {
      log.error('Local WebSocket gateway: $disconnect handler failed', {
        connectionId: context.connectionId,
        error: invocation.error,
      });
    } else if (invocation.outcome === 'timeout') {
      log.warn('Local WebSocket gateway: $disconnect handler timed out', {
        connectionId: context.connectionId,
      });
    }
  }

  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.off('error', fail);
      listening();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = urlHost(opts.host);
  domainName = `${host}:${port}`;

  return {
    url: `ws://${host}:${port}`,
    managementEndpoint: `http://${host}:${port}/${opts.stage}`,
    port,
    connectionCount: () => connections.size,
    close: () => {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const connection of connections.values()) connection.close(SERVER_CLOSE.shutdown);
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        wss.close();
        // The SDK keeps management connections alive; they would hold server.close() open.
        server.closeAllConnections();
        await serverClosed;
      })();
      return closing;
    },
  };
}

const unchecked = async (): Promise<null> => null;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** How clients reach a server bound to `host`: a wildcard bind is reached on loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** API Gateway's own wording where it differs from the HTTP reason phrase. */
const GATEWAY_MESSAGES: Record<number, string> = {
  429: 'Limit Exceeded',
  500: 'Internal server error',
  504: 'Endpoint request timed out',
};

/** One header of a Node request as a single string (a repeated one is not a sane id, so it reads as absent). */
function headerOf(req: IncomingMessage): HeaderReader {
  return (name) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
}
