import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { LocalImageStore } from '../adapters/local-disk/local-image-store.js';
import { prepareDataDir } from '../adapters/local-disk/private-dir.js';
import { type Config, DEFAULT_DATA_DIR } from '../config/config.js';
import type { TokenVerifier } from '../domain/auth/actor.js';
import { createApp } from '../http/app.js';
import { createBroadcastApp } from '../http/broadcast-app.js';
import type { RequestLine } from '../http/middleware/request-log.js';
import { routeAsApiGateway } from '../local/api-gateway-routes.js';
import { answerClientErrors } from '../local/client-errors.js';
import { closeServer } from '../local/close-server.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';
import { guardHosts, hostGuard } from '../local/host-guard.js';
import { expirePendingUploads } from '../local/pending-upload-expiry.js';
import { deliverChangeFeed } from '../local/stream/change-feed-delivery.js';
import { startEventSourceMapping } from '../local/stream/event-source-mapping.js';
import type { LocalStreamOptions } from '../local/stream/stream-options.js';
import type { StreamRecorder } from '../local/stream/stream-recorder.js';
import { serveWebClient } from '../local/web-client.js';
import { imageOrigins, signInOrigins } from '../local/web-client-csp.js';
import { type LocalWebSocketGateway, startLocalWebSocketGateway } from '../local/websocket/index.js';
import type { Log } from '../observability/log.js';
import { createChangeProcessor } from '../stream/change-processor.js';
import { createCommentStreamHandler } from '../stream/comment-stream-handler.js';
import { createWebSocketHandler, type WebSocketHandler } from '../websocket/websocket-handler.js';
import { localBroadcastKey } from './build-realtime.js';
import { composeLocal } from './compose-local.js';
import { createStorage } from './create-storage.js';
import { openEndpointStream } from './endpoint-stream.js';

export interface LocalStack {
  apiUrl: string;
  /** Where WebSocket clients connect. */
  wsUrl: string;
  /** Guards POST /broadcast/comments (header `x-broadcast-key`). */
  broadcastKey: string;
  /** Whether the built web client is served at `/` (after `make build`). */
  webClient: boolean;
  /** What the stack runs on, for the banner. */
  storage: string;
  /** The DynamoDB endpoint the stack uses (the embedded one locally); absent on the memory provider. */
  dynamodbEndpoint?: string;
  /** Where stream batches out of retries are written, when the table's stream is read. */
  streamFailures?: string;
  /** What does not work on this stack and what to do about it, for the banner (also logged as warnings). */
  warnings: string[];
  dataDir: string;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  /** Where one line per request goes (the terminal of `make local`); without it requests are logged as JSON. */
  requestLines?: RequestLine;
  /** For tests: tokens of another issuer (the browser tests' stand-in sign-in provider) instead of the config's. */
  verifier?: TokenVerifier;
  /**
   * For tests: where that stand-in provider answers, named in the web client's Content-Security-Policy as a
   * deployed site's names its sign-in domain, so the page reaches it under the policy it really has.
   */
  signInOrigins?: string[];
  /**
   * The table's stream when the stack uses a DynamoDB other than its embedded one that still has the
   * embedded one's streams (a test's own server, which it stops and restarts); without it, the stream of
   * any other DynamoDB is read through its DynamoDB Streams API, when it has one.
   */
  streams?: Pick<StreamRecorder, 'subscribe'> & Partial<Pick<StreamRecorder, 'read' | 'checkpoint'>>;
  /** For tests: the stream's event source mapping's options over its defaults (a long window, no drain). */
  streamOptions?: Partial<LocalStreamOptions>;
  /**
   * Where the stack's start-up warnings and an external stream's read failures go (a test buffers them);
   * the comment stream function's logger otherwise.
   */
  logger?: Pick<Log, 'warn' | 'error'>;
}

/**
 * Starts everything `make local` runs, wired as in AWS: the embedded DynamoDB (unless the config points
 * elsewhere or asks for memory), the WebSocket gateway running the WebSocket Lambda handler, the broadcaster
 * fed by stream records of committed comment writes, and the same Hono app the API Lambda serves.
 * Tests start it too, on free ports.
 */
export async function startLocalStack(config: Config, options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = resolve(config.dataDir);
  await prepareDataDir(dataDir, config.dataDir === DEFAULT_DATA_DIR);
  const closers: (() => Promise<void>)[] = [];
  // The API server stops first, so no request writes any more, then the stream drains what the requests
  // wrote while what its handler needs (the gateway for pushes, the DynamoDB for sweeps) is still up;
  // everything else stops in the reverse of the order it started.
  let closeApi: (() => Promise<void>) | undefined;
  const closeAll = async () => {
    await closeApi?.();
    closeApi = undefined;
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    let repository = config.repository;
    let embedded: EmbeddedDynamoDb | undefined;
    if (repository.provider === 'dynamodb' && !repository.endpoint) {
      embedded = await startEmbeddedDynamoDb({
        path: join(dataDir, 'dynamodb'),
        port: config.local.dynamodbPort,
      });
      closers.push(() => embedded?.close() ?? Promise.resolve());
      repository = { ...repository, endpoint: embedded.endpoint };
    }

    // Both servers listen first: their addresses go into the config, and their handlers need the composed
    // app, so each is bound once it is ready.
    let fetchApp: ((request: Request) => Response | Promise<Response>) | undefined;
    const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
      const s = serve(
        {
          fetch: guardHosts(
            hostGuard(config.local.allowedHosts),
            (request) => fetchApp?.(request) ?? new Response('starting', { status: 503 }),
          ),
          port: config.local.port,
          hostname: '127.0.0.1',
        },
        () => ready(s),
      );
      s.once('error', fail);
    });
    answerClientErrors(server);
    // Requests in flight finish before the stream, the gateway and the embedded DynamoDB close under them.
    closeApi = () => closeServer(server);
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // Fresh for each start and known only to this process: pushes are signed with them, as with IAM keys.
    const managementCredentials = {
      accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64url'),
    };
    let onWebSocketEvent: WebSocketHandler | undefined;
    const gateway: LocalWebSocketGateway = await startLocalWebSocketGateway({
      handler: async (event) => onWebSocketEvent?.(event) ?? { statusCode: 503 },
      options: {
        port: config.local.wsPort,
        allowedHosts: config.local.allowedHosts,
        credentials: managementCredentials,
        region: config.realtime.region,
      },
    });
    closers.push(() => gateway.close());

    const storage = await createStorage(repository);
    const broadcastKey = config.realtime.broadcastKey ?? (await localBroadcastKey(dataDir));
    const { api, websocket, commentStream, broadcast } = await composeLocal(
      {
        ...config,
        repository,
        dataDir,
        realtime: {
          ...config.realtime,
          managementEndpoint: gateway.managementEndpoint,
          broadcastKey,
          credentials: managementCredentials,
        },
        uploads:
          config.uploads.provider === 'local'
            ? { ...config.uploads, publicUrl: config.uploads.publicUrl ?? apiUrl }
            : config.uploads,
      },
      { storage, requestLines: options.requestLines, verifier: options.verifier },
    );
    // What follows a write (pushes, sweeps, renames) runs off the table's stream, as in AWS: the embedded
    // DynamoDB's own stream, or an external DynamoDB's through its Streams API, read as Lambda's event source
    // mapping reads it; or the memory provider's feed.
    const logger = options.logger ?? commentStream.logger;
    const warnings: string[] = [];
    let streamFailures: string | undefined;
    if (storage.changes) {
      closers.push(
        deliverChangeFeed({
          feed: storage.changes,
          process: createChangeProcessor(commentStream),
          logger: commentStream.logger,
        }),
      );
    } else if (repository.provider === 'dynamodb' && repository.endpoint) {
      // Named after the function it feeds, as Lambda keeps one position per mapping.
      const consumer = 'CommentStreamFunction';
      let source = embedded?.streams ?? options.streams;
      let checkpoint = source?.checkpoint?.(repository.tableName, consumer);
      if (!source) {
        const opened = await openEndpointStream(
          { ...repository, endpoint: repository.endpoint },
          dataDir,
          consumer,
          logger,
          options.streamOptions,
        );
        if ('stream' in opened) {
          const { stream } = opened;
          closers.push(() => stream.close());
          source = stream;
          checkpoint = stream.checkpoint();
        } else {
          warnings.push(opened.warning);
          logger.warn(opened.warning);
        }
      }
      if (source) {
        streamFailures = join(dataDir, 'stream-failures.jsonl');
        const mapping = await startEventSourceMapping({
          streams: source,
          tableName: repository.tableName,
          handler: createCommentStreamHandler(commentStream),
          logger: commentStream.logger,
          checkpoint,
          options: { ...options.streamOptions, onFailureFile: streamFailures },
        });
        closers.push(() => mapping.close());
      }
    }
    onWebSocketEvent = createWebSocketHandler(websocket);
    if (api.localUploads instanceof LocalImageStore) {
      const stop = expirePendingUploads(api.localUploads, config.local.pendingUploadExpiryMs, (error) =>
        api.logger.error('Local uploads: pending uploads could not be expired', { error }),
      );
      closers.push(stop);
    }
    const app = createApp(api);
    const broadcastApp = createBroadcastApp(broadcast);
    const auth = config.auth;
    const webClient = serveWebClient(
      app,
      config.local.webDir,
      gateway.port,
      {
        images: imageOrigins(config.uploads, apiUrl),
        signIn: [...signInOrigins(auth), ...(options.signInOrigins ?? [])],
      },
      auth.provider === 'cognito' && auth.clientIds[0]
        ? {
            issuer: `https://cognito-idp.${auth.region}.amazonaws.com/${auth.userPoolId}`,
            clientId: auth.clientIds[0],
          }
        : undefined,
    );
    fetchApp = routeAsApiGateway({ api: app.fetch, broadcast: broadcastApp.fetch });
    return {
      apiUrl,
      wsUrl: gateway.url,
      broadcastKey,
      webClient,
      storage:
        repository.provider === 'memory'
          ? 'memory (data is lost on exit)'
          : embedded
            ? `dynamodb via embedded dynalite (${embedded.endpoint}), persisted in ${join(dataDir, 'dynamodb')}`
            : `dynamodb at ${repository.endpoint}`,
      ...(repository.provider === 'dynamodb' && repository.endpoint
        ? { dynamodbEndpoint: repository.endpoint }
        : {}),
      ...(streamFailures ? { streamFailures } : {}),
      warnings,
      dataDir,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
