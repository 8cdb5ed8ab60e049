import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { TokenVerifier } from '../domain/auth/actor.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import type { AppDeps } from '../http/app-deps.js';
import type { BroadcastAppDeps } from '../http/broadcast-app.js';
import type { Tracer } from '../observability/tracing.js';
import type { ChangeProcessorDeps } from '../stream/change-processor.js';

/**
 * What each entry is built from: one type per Lambda function (and the local stack, which runs them all),
 * each holding only what its function uses, so no function builds an adapter it never calls.
 */

/** Logging, metrics and tracing, which every entry has (metrics and tracing only in AWS). */
export interface Observability {
  logger: Logger;
  metrics?: Metrics;
  tracer?: Tracer;
}

/** The API function: the HTTP app with every domain service. */
export type ApiComposition = AppDeps & Observability;

/** The WebSocket function: connections and subscriptions, and the verifier for `?token=` on $connect. */
export interface WebSocketComposition extends Observability {
  realtime: RealtimeService;
  verifier: TokenVerifier;
}

/**
 * The table's stream function: comment changes pushed to readers, a deleted post's remains swept (images
 * included), renames copied; no HTTP and no tokens.
 */
export type CommentStreamComposition = Observability & ChangeProcessorDeps;

/** The broadcast function: its one route, behind its guard. */
export type BroadcastComposition = BroadcastAppDeps & Observability;

/** The local stack: every function, sharing one storage, one realtime service and one logger. */
export interface LocalComposition {
  api: ApiComposition;
  websocket: WebSocketComposition;
  commentStream: CommentStreamComposition;
  broadcast: BroadcastComposition;
}
