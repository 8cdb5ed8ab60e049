import { join } from 'node:path';
import { persistentSecret } from '../adapters/local-disk/persistent-secret.js';
import { type Config, ConfigError } from '../config/config.js';
import { DEFAULT_FAN_OUT, type FanOutOptions } from '../domain/realtime/fan-out.js';
import type { PushGateway } from '../domain/realtime/push.gateway.js';
import { RealtimeService } from '../domain/realtime/realtime.service.js';
import { systemClock } from '../domain/shared/clock.js';
import type { Storage } from '../domain/storage.js';
import { anyOf, type BroadcastGuard, iamGuard, localKeyGuard } from '../http/middleware/broadcast-guard.js';
import type { Tracer } from '../observability/tracing.js';
import { lazily } from './lazily.js';
import { tracedRealtime } from './traced-realtime.js';

/**
 * Locally the gateway a push goes to runs in this same process, on a laptop that may be busy with a build:
 * a push is given the time such a machine needs, where AWS's answers in milliseconds.
 */
const LOCAL_FAN_OUT: FanOutOptions = { ...DEFAULT_FAN_OUT, timeoutMs: 15_000 };

/**
 * Live comments: pushes go through the WebSocket API's management endpoint, which the functions that push
 * (and the local stack) are given; a function composed without it could push nowhere, so it refuses to start.
 */
export function buildRealtime(config: Config, storage: Storage, tracer?: Tracer): RealtimeService {
  const endpoint = config.realtime.managementEndpoint;
  if (!endpoint) {
    throw new ConfigError(
      'APP_WEBSOCKET_MANAGEMENT_ENDPOINT is not set: point it at the WebSocket API stage (https://{api}.execute-api.{region}.amazonaws.com/{stage}).',
    );
  }
  const fanOut = config.environment === 'local' ? LOCAL_FAN_OUT : DEFAULT_FAN_OUT;
  // Only pushes need the management API's client: loaded by the first push, not by every cold start.
  const gateway = lazily<PushGateway>(async () => {
    const { createManagementClient, ManagementApiPushGateway } = await import(
      '../adapters/apigateway/index.js'
    );
    const { region, credentials, environment } = config.realtime;
    const client = createManagementClient({
      endpoint,
      region,
      // A socket for every push in flight, so none waits for another's answer.
      maxSockets: fanOut.concurrency,
      // The fan-out's wait for one connection, not the client's shorter default: locally a busy laptop's
      // pushes would otherwise fail at 2 s when the fan-out allows them 15.
      requestTimeoutMs: fanOut.timeoutMs,
      ...(credentials ? { credentials } : {}),
      ...(environment ? { environment } : {}),
    });
    return new ManagementApiPushGateway({ client });
  }, ['send', 'disconnect']);
  const realtime = new RealtimeService({
    connections: storage.connections,
    gateway,
    posts: storage.posts,
    clock: systemClock,
    fanOut,
  });
  return tracedRealtime(tracer, realtime);
}

/**
 * In AWS the broadcast route is behind IAM. Locally a key kept in the data dir also opens it; IAM still
 * counts, so the Lambda entry behaves as deployed when run locally on AWS's sample events (a plain HTTP
 * request cannot carry an IAM authorizer: only a Lambda event has one).
 */
export async function broadcastGuardFor(config: Config): Promise<BroadcastGuard> {
  if (config.environment !== 'local') return iamGuard;
  const key = config.realtime.broadcastKey ?? (await localBroadcastKey(config.dataDir));
  return anyOf(iamGuard, localKeyGuard(key));
}

/** The key `make local` prints; the same file on every start, so scripts keep working across restarts. */
export function localBroadcastKey(dataDir: string): Promise<string> {
  return persistentSecret(join(dataDir, 'broadcast-key'));
}
