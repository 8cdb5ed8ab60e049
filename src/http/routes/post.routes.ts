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
 * The version If-Match asks for, in the form the post service takes: undefined when there is no condition
 * (absent, or `*`), null when it names no version we issued (so it can only fail), else the one version of
 * the list that is current. A list naming several versions is matched against the post as it is now: the
 * service compares one version, and re-reads, so an edit in between still fails the precondition (412).
 */
async function expectedVersion(
  posts: AppDeps['posts'],
  id: string,
  viewer: string,
  header: string | undefined,
): Promise<number | null | undefined> {
  if (header === undefined) return undefined;
  const ifMatch = readIfMatch(header);
  if (ifMatch.any) return undefined;
  const versions = [...new Set(ifMatch.strongTags.map(versionFromEtag))].filter((v) => v !== null);
  if (versions.length <= 1) return versions[0] ?? null;
  const { version } = await posts.get(id, viewer);
  return versions.includes(version) ? version : null;
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
    const { id } = c.req.valid('param');
    const version = await expectedVersion(posts, id, actor.userId, c.req.valid('header')['if-match']);
    const post = await posts.update(actor, id, c.req.valid('json'), version);
    return answerJson(c, post, 200, { etag: etagOf(post) });
  });
  serveRoute(routes, deletePost, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    await posts.delete(
      actor,
      id,
      await expectedVersion(posts, id, actor.userId, c.req.valid('header')['if-match']),
    );
    return c.body(null, 204);
  });
  return app;
}
