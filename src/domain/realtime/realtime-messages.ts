import * as z from 'zod/mini';
import type { Comment } from '../comments/comment.js';
import type { ErrorCode } from '../shared/errors.js';

/** What clients send: the contract's actions. */
export const clientMessage = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('subscribe'),
    postId: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
  z.strictObject({
    action: z.literal('unsubscribe'),
    postId: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
  z.strictObject({ action: z.literal('ping') }),
]);
export type ClientMessage = z.output<typeof clientMessage>;

/** What the server sends. */
export type ServerMessage =
  | { type: 'subscribed'; postId: string }
  | { type: 'unsubscribed'; postId: string }
  | { type: 'pong' }
  /** The contract's frame codes, plus any REST error code when the domain fails (`unavailable`...). */
  | { type: 'error'; code: ErrorCode | 'unknown_action'; message: string }
  | { type: 'comment.created'; postId: string; comment: Comment }
  | { type: 'comment.deleted'; postId: string; commentId: string }
  /** The post is gone, its comments with it; the subscription to it has ended. */
  | { type: 'post.deleted'; postId: string }
  | { type: 'broadcast'; message: string; postId?: string };

/** A change to comments, as the delivery path (a DynamoDB stream, locally its emulation) reports it. */
export type CommentEvent =
  | { type: 'comment.created'; comment: Comment }
  | { type: 'comment.deleted'; postId: string; commentId: string };

export function messageFor(event: CommentEvent): { postId: string; message: ServerMessage } {
  return event.type === 'comment.created'
    ? {
        postId: event.comment.postId,
        message: { type: 'comment.created', postId: event.comment.postId, comment: event.comment },
      }
    : {
        postId: event.postId,
        message: { type: 'comment.deleted', postId: event.postId, commentId: event.commentId },
      };
}
