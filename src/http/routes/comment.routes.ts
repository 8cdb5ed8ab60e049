import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, signedIn } from '../middleware/authenticate.js';
import { errorResponses, idempotencyHeaders, idParam, json, listQuery } from '../schemas/common.schemas.js';
import { commentPage, commentSchema, createCommentBody } from '../schemas/resource.schemas.js';
import { validationHook } from '../validation-hook.js';

const postIdParams = z.object({ id: idParam });

const listComments = createRoute({
  method: 'get',
  path: '/posts/{id}/comments',
  summary: "List a post's comments, oldest first",
  request: { params: postIdParams, query: listQuery },
  responses: { 200: json(commentPage, 'A page of comments'), ...errorResponses(400, 401, 404, 422, 503) },
});

const createComment = createRoute({
  method: 'post',
  path: '/posts/{id}/comments',
  summary: 'Comment on a post',
  ...signedIn,
  request: {
    params: postIdParams,
    headers: idempotencyHeaders,
    body: { content: { 'application/json': { schema: createCommentBody, example: { body: 'Nice post!' } } } },
  },
  responses: {
    201: json(commentSchema, 'The new comment'),
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const deleteComment = createRoute({
  method: 'delete',
  path: '/posts/{id}/comments/{commentId}',
  summary: 'Delete a comment (its author or the post author)',
  ...signedIn,
  request: { params: z.object({ id: idParam, commentId: idParam }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 422, 503) },
});

export function commentRoutes({ comments }: AppDeps): OpenAPIHono<HttpEnv> {
  return new OpenAPIHono<HttpEnv>({ defaultHook: validationHook })
    .openapi(listComments, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      return c.json(await comments.list(c.req.valid('param').id, { limit, cursor }), 200);
    })
    .openapi(createComment, async (c) => {
      const actor = requireActor(c);
      const postId = c.req.valid('param').id;
      const { value } = await comments.create(
        actor,
        postId,
        c.req.valid('json'),
        c.req.valid('header')['idempotency-key'],
        c.get('requestId'),
      );
      c.header(
        'Location',
        `/api/posts/${encodeURIComponent(postId)}/comments/${encodeURIComponent(value.id)}`,
      );
      return c.json(value, 201);
    })
    .openapi(deleteComment, async (c) => {
      const { id, commentId } = c.req.valid('param');
      await comments.delete(requireActor(c), id, commentId);
      return c.body(null, 204);
    });
}
