import * as z from 'zod';
import { visibleText } from '../shared/text.js';

/** A post as stored. Counts are maintained by storage atomically with the writes that change them. */
export interface Post {
  id: string;
  authorId: string;
  authorName: string;
  title: string;
  body: string;
  tags: string[];
  imageKey: string | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every content edit (not by counts); the ETag clients send back in If-Match. */
  version: number;
  commentCount: number;
  favoriteCount: number;
}

/** A post as a given reader sees it. */
export interface PostView extends Post {
  imageUrl: string | null;
  favoritedByMe: boolean;
}

export interface PostRead {
  post: Post;
  favoritedByViewer: boolean;
}

export const postTitle = visibleText(200);
export const postBody = visibleText(20_000);
export const postTags = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{1,32}$/, 'tags are 1-32 characters of a-z, 0-9 and -'),
  )
  .max(10)
  .transform((tags) => [...new Set(tags)]);
export const imageKey = z.string().min(1).max(512).nullable();

export const createPostInput = z.strictObject({
  title: postTitle,
  body: postBody,
  tags: postTags.default([]),
  imageKey: imageKey.default(null),
});
export type CreatePostInput = z.output<typeof createPostInput>;

export const updatePostInput = z
  .strictObject({
    title: postTitle.optional(),
    body: postBody.optional(),
    tags: postTags.optional(),
    imageKey: imageKey.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { message: 'give at least one field to change' });
export type UpdatePostInput = z.output<typeof updatePostInput>;

/** What a content edit may change; storage applies it without touching counts. */
export type PostChanges = Partial<Pick<Post, 'title' | 'body' | 'tags' | 'imageKey'>> & { updatedAt: string };

/** The post's ETag: strong, as each version has exactly one representation. */
export function etagOf(post: Pick<Post, 'version'>): string {
  return `"v${post.version}"`;
}

/**
 * Reads the version out of an If-Match value; anything we did not issue matches nothing. If-Match uses the
 * strong comparison (RFC 9110 §13.1.1), so a weak tag (`W/"v3"`) never matches.
 */
export function versionFromEtag(etag: string): number | null {
  const match = /^"v(\d{1,15})"$/.exec(etag.trim());
  return match ? Number(match[1]) : null;
}
