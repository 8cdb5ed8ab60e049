import type { Comment } from '../api/types';

/** What the page shows about the connection: only `live` promises that new comments will appear. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface PostFeedHandlers {
  status(status: LiveStatus): void;
  /** After a reconnect: comments may have been missed while offline, so the page reloads them. */
  resubscribed(): void;
  created(comment: Comment): void;
  deleted(commentId: string): void;
  broadcast(message: string): void;
  /** The post itself was deleted: nothing more will come for it, so the feed has stopped. */
  gone(): void;
}

type ServerMessage =
  | { type: 'subscribed'; postId: string }
  | { type: 'comment.created'; postId: string; comment: Comment }
  | { type: 'comment.deleted'; postId: string; commentId: string }
  | { type: 'post.deleted'; postId: string }
  | { type: 'broadcast'; message: string; postId?: string }
  | { type: 'error'; code: string; message?: string }
  | { type: string };

const MAX_RETRY_MS = 15_000;

/**
 * Follows one post over the WebSocket API: subscribes on every (re)connect, hands comment pushes to the
 * page, and reconnects with backoff when the connection drops (API Gateway closes idle connections after
 * 10 minutes and every connection after 2 hours). Connects anonymously: subscribing needs no token, and an
 * expired one would only get the handshake refused. Returns the function that stops it.
 */
export function followPost(wsUrl: string, postId: string, on: PostFeedHandlers): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let retryMs = 1_000;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let subscribedBefore = false;

  const connect = () => {
    on.status('connecting');
    try {
      socket = new WebSocket(wsUrl);
    } catch {
      // A malformed URL (a bad BLOGAPP_CONFIG.wsUrl) throws instead of failing the connection.
      on.status('offline');
      return;
    }
    socket.onopen = () => socket?.send(JSON.stringify({ action: 'subscribe', postId }));
    socket.onmessage = (event) => {
      const message = parse(event.data);
      if (!message) return;
      if (message.type === 'subscribed') {
        retryMs = 1_000;
        on.status('live');
        if (subscribedBefore) on.resubscribed();
        subscribedBefore = true;
      } else if (message.type === 'comment.created' && 'comment' in message && message.postId === postId) {
        on.created(message.comment);
      } else if (message.type === 'comment.deleted' && 'commentId' in message && message.postId === postId) {
        on.deleted(message.commentId);
      } else if (message.type === 'post.deleted' && 'postId' in message && message.postId === postId) {
        // The server ended the subscription; reconnecting would only be told the post does not exist.
        stopped = true;
        socket?.close();
        on.gone();
      } else if (message.type === 'broadcast' && 'message' in message) {
        if (!('postId' in message) || !message.postId || message.postId === postId)
          on.broadcast(message.message);
      }
    };
    socket.onclose = () => {
      socket = null;
      if (stopped) return;
      on.status('offline');
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    socket?.close();
  };
}

function parse(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as unknown;
    return value && typeof value === 'object' && 'type' in value ? (value as ServerMessage) : null;
  } catch {
    return null;
  }
}
