import type { Comment } from '../../domain/comments/comment.js';
import type { Post } from '../../domain/posts/post.js';
import type { Profile } from '../../domain/profiles/profile.js';
import type { IdempotencyClaim } from '../../domain/shared/idempotency.js';
import type { Item } from './paging.js';
import {
  authorPartition,
  claimKey,
  commenterPartition,
  commentKey,
  favoriteKey,
  favoritesPartition,
  POSTS_FEED,
  postKey,
  profileKey,
  TTL_ATTRIBUTE,
} from './table-design.js';

/** Items carry their key attributes next to the entity's fields; mapping back picks the fields by name. */
export function postItem(post: Post): Item {
  return {
    ...postKey(post.id),
    gsi1pk: POSTS_FEED,
    gsi1sk: post.id,
    gsi2pk: authorPartition(post.authorId),
    gsi2sk: post.id,
    ...post,
  };
}

export function toPost(item: Item): Post {
  return {
    id: String(item.id),
    authorId: String(item.authorId),
    authorName: String(item.authorName),
    title: String(item.title),
    body: String(item.body),
    tags: Array.isArray(item.tags) ? item.tags.map(String) : [],
    imageKey: typeof item.imageKey === 'string' ? item.imageKey : null,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
    commentCount: Number(item.commentCount ?? 0),
    favoriteCount: Number(item.favoriteCount ?? 0),
  };
}

/**
 * On the author's comments partition of GSI2, so a rename finds them; also stamps the id of the request
 * that wrote it, which the table's stream hands to the broadcaster.
 */
export function commentItem(comment: Comment, correlationId?: string): Item {
  return {
    ...commentKey(comment.postId, comment.id),
    gsi2pk: commenterPartition(comment.authorId),
    gsi2sk: comment.id,
    ...comment,
    ...(correlationId ? { correlationId } : {}),
  };
}

export function toComment(item: Item): Comment {
  return {
    id: String(item.id),
    postId: String(item.postId),
    authorId: String(item.authorId),
    authorName: String(item.authorName),
    body: String(item.body),
    createdAt: String(item.createdAt),
  };
}

/** Sorted by time and then post id on the user's GSI2 partition: most recent first, ties kept apart. */
export function favoriteItem(userId: string, postId: string, at: string): Item {
  return {
    ...favoriteKey(postId, userId),
    gsi2pk: favoritesPartition(userId),
    gsi2sk: `${at}#${postId}`,
    userId,
    postId,
    favoritedAt: at,
  };
}

export function profileItem(profile: Profile): Item {
  return { ...profileKey(profile.id), ...profile };
}

export function toProfile(item: Item): Profile {
  return { id: String(item.id), displayName: String(item.displayName), createdAt: String(item.createdAt) };
}

export function claimItem(claim: IdempotencyClaim, result: Post | Comment): Item {
  return {
    ...claimKey(claim.userId, claim.key),
    fingerprint: claim.fingerprint,
    result,
    [TTL_ATTRIBUTE]: claim.expiresAt,
  };
}
