import { z } from '@hono/zod-openapi';
import { createCommentInput } from '../../domain/comments/comment.js';
import { createPostInput, updatePostInput } from '../../domain/posts/post.js';
import { updateProfileInput } from '../../domain/profiles/profile.js';
import { pageOf } from './common.schemas.js';

/** Request bodies are the domain's own schemas: the rules live once, the docs are generated from them. */
export const createPostBody = createPostInput.openapi('CreatePost');
export const updatePostBody = updatePostInput.openapi('UpdatePost');
export const createCommentBody = createCommentInput.openapi('CreateComment');
export const updateProfileBody = updateProfileInput.openapi('UpdateProfile');

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
