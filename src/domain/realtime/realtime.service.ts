import type { Identity } from '../auth/actor.js';
import type { PostRepository } from '../posts/post.repository.js';
import type { Clock } from '../shared/clock.js';
import { CONNECTION_TTL_SECONDS } from './connection.js';
import type { ConnectionStore } from './connection.store.js';
import { DEFAULT_FAN_OUT, type FanOutOptions, type FanOutResult, fanOut } from './fan-out.js';
import type { PushGateway } from './push.gateway.js';
import {
  type ClientMessage,
  type CommentEvent,
  clientMessage,
  messageFor,
  type ServerMessage,
} from './realtime-messages.js';

export interface RealtimeServiceDeps {
  connections: ConnectionStore;
  gateway: PushGateway;
  posts: Pick<PostRepository, 'find'>;
  clock: Clock;
  fanOut?: FanOutOptions;
}

/** Readers subscribe to posts over WebSocket; comment changes and system broadcasts are pushed to them. */
export class RealtimeService {
  constructor(private readonly deps: RealtimeServiceDeps) {}

  async connect(connectionId: string, identity: Identity | null): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.connections.save({
      connectionId,
      userId: identity?.userId ?? null,
      connectedAt: now.toISOString(),
      expiresAt: this.expiry(),
    });
  }

  disconnect(connectionId: string): Promise<void> {
    return this.deps.connections.remove(connectionId);
  }

  /** Answers one client frame; malformed input is answered, never thrown, so the connection stays open. */
  async receive(connectionId: string, frame: string | undefined): Promise<ServerMessage> {
    const parsed = parseFrame(frame);
    if ('type' in parsed) return parsed;
    switch (parsed.action) {
      case 'ping':
        return { type: 'pong' };
      case 'unsubscribe':
        await this.deps.connections.unsubscribe(connectionId, parsed.postId);
        return { type: 'unsubscribed', postId: parsed.postId };
      case 'subscribe':
        return this.subscribe(connectionId, parsed.postId);
    }
  }

  /**
   * Pushes a comment change to the post's subscribers. A comment removed once its post is gone was swept
   * with it (a comment's own deletion needs its post): its readers were told of the post instead, and any
   * the index still names (gsi1 lags its table for a moment) are only let go.
   */
  async publish(event: CommentEvent): Promise<FanOutResult> {
    const { postId, message } = messageFor(event);
    const subscribers = await this.deps.connections.subscribersOf(postId);
    if (event.type === 'comment.deleted' && subscribers.length > 0 && !(await this.deps.posts.find(postId))) {
      await this.unsubscribeAll(subscribers, postId);
      return { delivered: 0, stale: 0, failed: 0 };
    }
    return this.push(subscribers, message);
  }

  /**
   * Tells a deleted post's readers once that it is gone, their subscriptions to it ended first, so a reader
   * holding the frame holds the truth: nothing more will come for that post.
   */
  async postDeleted(postId: string): Promise<FanOutResult> {
    const subscribers = await this.deps.connections.subscribersOf(postId);
    await this.unsubscribeAll(subscribers, postId);
    return this.push(subscribers, { type: 'post.deleted', postId });
  }

  /** A system message: to a post's subscribers, or to every connection when no post is named. */
  async broadcast(input: { message: string; postId?: string }): Promise<FanOutResult> {
    const targets = input.postId
      ? await this.deps.connections.subscribersOf(input.postId)
      : await this.deps.connections.allConnections();
    const message: ServerMessage = {
      type: 'broadcast',
      message: input.message,
      ...(input.postId ? { postId: input.postId } : {}),
    };
    return this.push(targets, message);
  }

  private async subscribe(connectionId: string, postId: string): Promise<ServerMessage> {
    if (!(await this.deps.posts.find(postId))) {
      return { type: 'error', code: 'not_found', message: `No post with id ${JSON.stringify(postId)}.` };
    }
    switch (await this.deps.connections.subscribe(connectionId, postId, this.expiry())) {
      case 'subscribed':
        return { type: 'subscribed', postId };
      case 'limit':
        return {
          type: 'error',
          code: 'rate_limited',
          message: 'Too many subscriptions on this connection; unsubscribe first.',
        };
      case 'unknown_connection':
        return { type: 'error', code: 'bad_request', message: 'This connection has expired; reconnect.' };
    }
  }

  private push(connectionIds: string[], message: ServerMessage): Promise<FanOutResult> {
    return fanOut(connectionIds, JSON.stringify(message), this.deps, this.fanOutOptions());
  }

  /** In waves the size of a fan-out's pool: a post with thousands of readers must not open thousands of writes. */
  private async unsubscribeAll(connectionIds: string[], postId: string): Promise<void> {
    const wave = this.fanOutOptions().concurrency;
    for (let i = 0; i < connectionIds.length; i += wave) {
      await Promise.all(
        connectionIds.slice(i, i + wave).map((id) => this.deps.connections.unsubscribe(id, postId)),
      );
    }
  }

  private fanOutOptions(): FanOutOptions {
    return this.deps.fanOut ?? DEFAULT_FAN_OUT;
  }

  private expiry(): number {
    return Math.floor(this.deps.clock.now().getTime() / 1000) + CONNECTION_TTL_SECONDS;
  }
}

function parseFrame(frame: string | undefined): ClientMessage | ServerMessage {
  let json: unknown;
  try {
    json = JSON.parse(frame ?? '');
  } catch {
    return {
      type: 'error',
      code: 'bad_request',
      message: 'Frames must be JSON objects such as {"action":"ping"}.',
    };
  }
  const result = clientMessage.safeParse(json);
  if (result.success) return result.data;
  const action = (json as { action?: unknown } | null)?.action;
  return typeof action === 'string' && !['subscribe', 'unsubscribe', 'ping'].includes(action)
    ? {
        type: 'error',
        code: 'unknown_action',
        message: `Unknown action ${JSON.stringify(action.slice(0, 64))}; use subscribe, unsubscribe or ping.`,
      }
    : {
        type: 'error',
        code: 'bad_request',
        message: 'Send {"action":"subscribe"|"unsubscribe","postId":"..."} or {"action":"ping"}.',
      };
}
