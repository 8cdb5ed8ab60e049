import { Hono } from 'hono';
import * as z from 'zod/mini';
import { etagOf, versionFromEtag } from '../../domain/posts/post.js';
import { whenReady } from '../../domain/shared/awaitable.js';
import { answerJson, answerJsonText } from '../answer-headers.js';
import type { AppDeps } from '../app-deps.js';
import type { HttpEnv } from '../http-env.js';
import { readIfMatch } from '../if-match.js';
import { jsonMemo } from '../json-memo.js';
import { requireActor, signedIn, viewerId } from '../middleware/authenticate.js';
import { documented } from '../schemas/api-docs.js';
import {
  errorResponses,
  idempotencyHeaders,
  idParam,
  json,
  listQuery,
  userIdParam,
} from '../schemas/common.schemas.js';
import { createPostBody, postPage, postSchema, updatePostBody } from '../schemas/resource.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const postIdParams = z.object({ id: idParam });
const ifMatchHeaders = z.object({
  // No length limit: a value we did not issue is a failed precondition (412), not a malformed request.
  'if-match': documented(z.optional(z.string()), {
    description: 'The strong ETag of the version you edited; W/ tags never match',
  }),
});

const listPosts = defineRoute({
  method: 'get',
  path: '/api/posts',
  summary: 'List posts, newest first',
  request: {
    query: z.extend(listQuery, {
      author: documented(z.optional(userIdParam), { description: 'author id (authorId of their posts)' }),
    }),
  },
  responses: { 200: json(postPage, 'A page of posts'), ...errorResponses(400, 401, 422, 503) },
});

const createPost = defineRoute({
  method: 'post',
  path: '/api/posts',
  summary: 'Create a post',
  ...signedIn,
  request: {
    headers: idempotencyHeaders,
    body: {
      schema: createPostBody,
      example: { title: 'Hello, blog', body: 'My **first** post.', tags: ['intro'] },
    },
  },
  responses: {
    201: json(postSchema, 'The new post'),
    ...errorResponses(400, 401, 409, 413, 415, 422, 503),
  },
});

const getPost = defineRoute({
  method: 'get',
  path: '/api/posts/{id}',
  summary: 'Get a post',
  request: { params: postIdParams },
  responses: { 200: json(postSchema, 'The post, with its ETag'), ...errorResponses(401, 404, 422, 503) },
});

const updatePost = defineRoute({
  method: 'patch',
  path: '/api/posts/{id}',
  summary: 'Edit your post',
  ...signedIn,
  request: {
    params: postIdParams,
    headers: ifMatchHeaders,
    body: { schema: updatePostBody, example: { title: 'Hello again', tags: ['intro', 'news'] } },
  },
  responses: {
    200: json(postSchema, 'The edited post'),
    ...errorResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 503),
  },
});

const deletePost = defineRoute({
  method: 'delete',
  path: '/api/posts/{id}',
  summary: 'Delete your post with its comments and favorites',
  ...signedIn,
  request: { params: postIdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409, 412, 422, 503) },
});

export const postApi = [listPosts, createPost, getPost, updatePost, deletePost];

/**
 * The versions If-Match accepts, as the post service takes them: undefined when there is no condition
 * (absent, or `*`); none when it names no version we issued (so it can only fail).
 */
function acceptedVersions(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const ifMatch = readIfMatch(header);
  if (ifMatch.any) return undefined;
  return ifMatch.strongTags.map(versionFromEtag).filter((version) => version !== null);
}

/** Characters of serialised post views the read routes keep: about a thousand posts of ordinary length. */
const POST_JSON_KEPT = 1_000_000;

export function postRoutes({ posts }: AppDeps, admit: RouteAdmission): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const routes = { app, admit };
  // A post read again unchanged is not serialised again (json-memo.ts), alone or in a page.
  const postJson = jsonMemo(POST_JSON_KEPT);
  serveRoute(routes, listPosts, async (c) => {
    const { limit, cursor, author } = c.req.valid('query');
    const page = await posts.list({ limit, cursor, authorId: author }, viewerId(c));
    return answerJsonText(c, postJson.page(page), 200);
  });
  serveRoute(routes, createPost, async (c) => {
    const actor = requireActor(c);
    const { value } = await posts.create(
      actor,
      c.req.valid('json'),
      c.req.valid('header')['idempotency-key'],
    );
    return answerJson(c, value, 201, {
      location: `/api/posts/${encodeURIComponent(value.id)}`,
      etag: etagOf(value),
    });
  });
  serveRoute(routes, getPost, (c) =>
    whenReady(posts.get(c.req.valid('param').id, viewerId(c)), (post) =>
      answerJsonText(c, postJson.record(post), 200, { etag: etagOf(post) }),
    ),
  );
  serveRoute(routes, updatePost, async (c) => {
    const actor = requireActor(c);
    const versions = acceptedVersions(c.req.valid('header')['if-match']);
    const post = await posts.update(actor, c.req.valid('param').id, c.req.valid('json'), versions);
    return answerJson(c, post, 200, { etag: etagOf(post) });
  });
  serveRoute(routes, deletePost, async (c) => {
    const actor = requireActor(c);
    await posts.delete(actor, c.req.valid('param').id, acceptedVersions(c.req.valid('header')['if-match']));
    return c.body(null, 204);
  });
  return app;
}
