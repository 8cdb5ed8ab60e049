import { Hono } from 'hono';
import * as z from 'zod/mini';
import { answerJson } from '../answer-headers.js';
import type { AppDeps } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { requireActor, signedIn } from '../middleware/authenticate.js';
import { errorResponses, idempotencyHeaders, idParam, json, listQuery } from '../schemas/common.schemas.js';
import { commentPage, commentSchema, createCommentBody } from '../schemas/resource.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const postIdParams = z.object({ id: idParam });

const listComments = defineRoute({
  method: 'get',
  path: '/api/posts/{id}/comments',
  summary: "List a post's comments, oldest first",
  request: { params: postIdParams, query: listQuery },
  responses: { 200: json(commentPage, 'A page of comments'), ...errorResponses(400, 401, 404, 422, 503) },
});

const createComment = defineRoute({
  method: 'post',
  path: '/api/posts/{id}/comments',
  summary: 'Comment on a post',
  ...signedIn,
  request: {
    params: postIdParams,
    headers: idempotencyHeaders,
    body: { schema: createCommentBody, example: { body: 'Nice post!' } },
  },
  responses: {
    201: json(commentSchema, 'The new comment'),
    ...errorResponses(400, 401, 404, 409, 413, 415, 422, 503),
  },
});

const deleteComment = defineRoute({
  method: 'delete',
  path: '/api/posts/{id}/comments/{commentId}',
  summary: 'Delete a comment (its author or the post author)',
  ...signedIn,
  request: { params: z.object({ id: idParam, commentId: idParam }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 422, 503) },
});

export const commentApi = [listComments, createComment, deleteComment];

export function commentRoutes({ comments }: AppDeps, admit: RouteAdmission): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = { app, admit };
  serveRoute(routes, listComments, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return answerJson(c, await comments.list(c.req.valid('param').id, { limit, cursor }), 200);
  });
  serveRoute(routes, createComment, async (c) => {
    const actor = requireActor(c);
    const postId = c.req.valid('param').id;
    const { value } = await comments.create(
      actor,
      postId,
      c.req.valid('json'),
      c.req.valid('header')['idempotency-key'],
      c.env.scope.requestId,
    );
    // No Location: no URL names one comment for a GET (it is read in its post's list), and Location must
    // name the resource created (RFC 9110 §10.2.2), so the list would be a wrong answer and a 405 a useless
    // one.
    return answerJson(c, value, 201);
  });
  serveRoute(routes, deleteComment, async (c) => {
    const { id, commentId } = c.req.valid('param');
    await comments.delete(requireActor(c), id, commentId);
    return c.body(null, 204);
  });
  return app;
}
