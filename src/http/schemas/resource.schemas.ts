import * as z from 'zod/mini';
import { type Comment, createCommentInput } from '../../domain/comments/comment.js';
import { createPostInput, type PostView, updatePostInput } from '../../domain/posts/post.js';
import { type Profile, updateProfileInput } from '../../domain/profiles/profile.js';
import { IMAGE_TYPES, requestUploadInput } from '../../domain/uploads/image-rules.js';
import { documented } from './api-docs.js';
import { integer, pageOf } from './common.schemas.js';

/** Request bodies are the domain's own schemas: the rules live once, the docs are generated from them. */
export const createPostBody = documented(createPostInput, { id: 'CreatePost' });
export const updatePostBody = documented(updatePostInput, { id: 'UpdatePost' });
export const createCommentBody = documented(createCommentInput, { id: 'CreateComment' });
export const updateProfileBody = documented(updateProfileInput, { id: 'UpdateProfile' });
export const requestUploadBody = documented(requestUploadInput, { id: 'UploadRequest' });
// Taken in any case, so the generated schema says only "string": the types it takes are named here.
documented(requestUploadInput.shape.contentType, {
  description: `One of ${Object.keys(IMAGE_TYPES).join(', ')}, in any case (kept in lowercase)`,
  example: 'image/png',
});

export const postSchema = documented(
  z.object({
    id: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    imageKey: z.nullable(z.string()),
    imageUrl: z.nullable(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: integer(),
    commentCount: integer(),
    favoriteCount: integer(),
    favoritedByMe: z.boolean(),
  }),
  { id: 'Post' },
);

export const commentSchema = documented(
  z.object({
    id: z.string(),
    postId: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.string(),
  }),
  { id: 'Comment' },
);

export const profileSchema = documented(
  z.object({ id: z.string(), displayName: z.string(), createdAt: z.string() }),
  { id: 'Profile' },
);

export const postPage = pageOf(postSchema, 'PostPage');
export const commentPage = pageOf(commentSchema, 'CommentPage');

/** True when A and B have exactly the same fields and types. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/**
 * The wire shapes are the domain's resources, field for field: a field added to or dropped from either side
 * fails the compile here, so the document (and the client types generated from it) cannot drift from them.
 */
export type ResourceSchemasMatchDomain = [
  Holds<Same<z.output<typeof postSchema>, PostView>>,
  Holds<Same<z.output<typeof commentSchema>, Comment>>,
  Holds<Same<z.output<typeof profileSchema>, Profile>>,
];
