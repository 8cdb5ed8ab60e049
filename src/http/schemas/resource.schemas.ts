import { z } from '@hono/zod-openapi';
import { type Comment, createCommentInput } from '../../domain/comments/comment.js';
import { createPostInput, type PostView, updatePostInput } from '../../domain/posts/post.js';
import { type Profile, updateProfileInput } from '../../domain/profiles/profile.js';
import { pageOf } from './common.schemas.js';

/**
 * Request bodies are the domain's own schemas: the rules live once, the docs are generated from them.
 * `.meta` rather than `.openapi`, because zod 4 schemas made before @hono/zod-openapi loads lack `.openapi`.
 */
export const createPostBody = createPostInput.meta({ id: 'CreatePost' });
export const updatePostBody = updatePostInput.meta({ id: 'UpdatePost' });
export const createCommentBody = createCommentInput.meta({ id: 'CreateComment' });
export const updateProfileBody = updateProfileInput.meta({ id: 'UpdateProfile' });

export const postSchema = z
  .object({
    id: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    imageKey: z.string().nullable(),
    imageUrl: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    commentCount: z.number().int(),
    favoriteCount: z.number().int(),
    favoritedByMe: z.boolean(),
  })
  .openapi('Post');

export const commentSchema = z
  .object({
    id: z.string(),
    postId: z.string(),
    authorId: z.string(),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('Comment');

export const profileSchema = z
  .object({ id: z.string(), displayName: z.string(), createdAt: z.string() })
  .openapi('Profile');

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
