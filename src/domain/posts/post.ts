import * as z from 'zod/mini';
import { visibleLine, visibleText } from '../shared/text.js';

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

export const postTitle = visibleLine(200);
export const postBody = visibleText(20_000);
export const postTags = z.pipe(
  z
    .array(
      z.string().check(z.trim(), z.regex(/^[a-z0-9-]{1,32}$/, 'tags are 1-32 characters of a-z, 0-9 and -')),
    )
    .check(z.maxLength(10)),
  z.transform((tags: string[]) => [...new Set(tags)]),
);
export const imageKey = z.nullable(z.string().check(z.minLength(1), z.maxLength(512)));

export const createPostInput = z.strictObject({
  title: postTitle,
  body: postBody,
  tags: z._default(postTags, []),
  imageKey: z._default(imageKey, null),
});
export type CreatePostInput = z.output<typeof createPostInput>;

export const updatePostInput = z
  .strictObject({
    title: z.optional(postTitle),
    body: z.optional(postBody),
    tags: z.optional(postTags),
    imageKey: z.optional(imageKey),
  })
  .check(
    z.refine((changes) => Object.keys(changes).length > 0, { message: 'give at least one field to change' }),
  );
export type UpdatePostInput = z.output<typeof updatePostInput>;

/** What a content edit may change; storage applies it without touching counts. */
export type PostChanges = Partial<Pick<Post, 'title' | 'body' | 'tags' | 'imageKey'>> & { updatedAt: string };

/** Whether `changes` would leave `post` as it is: such an edit writes nothing and keeps the version (and ETag). */
export function changesNothing(post: Post, changes: UpdatePostInput): boolean {
  return (
    (changes.title === undefined || changes.title === post.title) &&
    (changes.body === undefined || changes.body === post.body) &&
    (changes.tags === undefined ||
      (changes.tags.length === post.tags.length && changes.tags.every((tag, i) => tag === post.tags[i]))) &&
    (changes.imageKey === undefined || changes.imageKey === post.imageKey)
  );
}

/** The post's ETag: strong, as each version has exactly one representation. */
export function etagOf(post: Pick<Post, 'version'>): string {
  return `"v${post.version}"`;
}

/**
 * The version an entity tag names, if it is one we issued: exactly `"v<version>"` as etagOf writes it, so
 * `"v01"` names nothing and neither does a weak tag (`W/"v3"`): If-Match uses the strong comparison (RFC
 * 9110 §8.8.3.2), which matches only a strong tag identical to ours, character for character.
 */
export function versionFromEtag(etag: string): number | null {
  const match = /^"v([1-9]\d{0,14})"$/.exec(etag);
  return match ? Number(match[1]) : null;
}
