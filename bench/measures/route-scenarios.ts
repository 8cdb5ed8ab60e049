import { png } from '../../test/support/images.js';

/**
 * What a route may cost in storage calls (dynamodb-call-rules.ts): reads 1, writes at most 2, the rest none;
 * `own-list` is a page of the viewer's own list of posts.
 */
export type RouteKind = 'read' | 'own-list' | 'write' | 'none';

export interface Call {
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: Buffer;
}

/** Sends a request to the app in-process and returns its JSON answer (or text). */
export type Send = (call: Call) => Promise<{ status: number; body: Record<string, unknown> }>;

export interface Scenario {
  /** The route as the app registers it: `GET /api/posts/:id`. */
  route: string;
  kind: RouteKind;
  /** Shown beside the route when several scenarios test it. */
  variant?: string;
  /** Uncounted set-up, returning what `act` needs. */
  prepare?(send: Send, world: World): Promise<Record<string, string>>;
  act(world: World, prepared: Record<string, string>): Call;
  /** The answer `act` must get, so a count is never taken of an error path. */
  status: number;
  /**
   * Work the route leaves to the table's stream (a deleted post's sweep): the bench waits until `done`
   * holds and lists the stream function's commands apart from the route's.
   */
  afterwards?: { what: string; done(table: TableProbe, prepared: Record<string, string>): Promise<boolean> };
}

/** Looks at the table directly, past the app: how many items a partition still holds. */
export interface TableProbe {
  itemsIn(pk: string): Promise<number>;
}

/** The data every scenario starts from: two users, a post with a comment, a favorite. */
export interface World {
  alice: string;
  bob: string;
  postId: string;
  commentId: string;
}

const created = (send: Send, call: Call, field = 'id') =>
  send(call).then(({ status, body }) => {
    if (status >= 300) throw new Error(`${call.method} ${call.path} answered ${status}`);
    return String(body[field]);
  });

const newPost = (send: Send, token: string) =>
  created(send, { method: 'POST', path: '/api/posts', token, body: { title: 'scenario', body: 'b' } });

const uploadTicket = async (send: Send, token: string) => {
  const { body } = await send({
    method: 'POST',
    path: '/api/uploads',
    token,
    body: { contentType: 'image/png', size: png().length },
  });
  return { key: String(body.key), url: new URL(String(body.uploadUrl)) };
};

/** Every route of the app, with the request that exercises it. */
export const SCENARIOS: Scenario[] = [
  {
    route: 'GET /api/health',
    kind: 'read',
    status: 200,
    act: () => ({ method: 'GET', path: '/api/health' }),
  },
  { route: 'GET /health', kind: 'read', status: 200, act: () => ({ method: 'GET', path: '/health' }) },
  { route: 'GET /api/posts', kind: 'read', status: 200, act: () => ({ method: 'GET', path: '/api/posts' }) },
  {
    route: 'GET /api/posts',
    variant: 'signed in',
    kind: 'read',
    status: 200,
    act: (w) => ({ method: 'GET', path: '/api/posts', token: w.bob }),
  },
  {
    route: 'POST /api/posts',
    kind: 'write',
    status: 201,
    act: (w) => ({ method: 'POST', path: '/api/posts', token: w.alice, body: { title: 'New', body: 'b' } }),
  },
  {
    route: 'POST /api/posts',
    variant: 'with Idempotency-Key',
    kind: 'write',
    status: 201,
    act: (w) => ({
      method: 'POST',
      path: '/api/posts',
      token: w.alice,
      headers: { 'idempotency-key': 'bench-key-1' },
      body: { title: 'Once', body: 'b' },
    }),
  },
  {
    route: 'GET /api/posts/:id',
    kind: 'read',
    status: 200,
    act: (w) => ({ method: 'GET', path: `/api/posts/${w.postId}` }),
  },
  {
    route: 'GET /api/posts/:id',
    variant: 'signed in, favorited by me',
    kind: 'read',
    status: 200,
    act: (w) => ({ method: 'GET', path: `/api/posts/${w.postId}`, token: w.bob }),
  },
  {
    route: 'PATCH /api/posts/:id',
    kind: 'write',
    status: 200,
    prepare: async (send, w) => ({ id: await newPost(send, w.alice) }),
    act: (w, p) => ({
      method: 'PATCH',
      path: `/api/posts/${p.id}`,
      token: w.alice,
      headers: { 'if-match': '"v1"' },
      body: { title: 'Edited' },
    }),
  },
  {
    route: 'DELETE /api/posts/:id',
    variant: 'with a comment and a favorite',
    kind: 'write',
    status: 204,
    prepare: async (send, w) => {
      const id = await newPost(send, w.alice);
      await send({ method: 'POST', path: `/api/posts/${id}/comments`, token: w.bob, body: { body: 'c' } });
      await send({ method: 'PUT', path: `/api/posts/${id}/favorite`, token: w.bob });
      return { id };
    },
    act: (w, p) => ({
      method: 'DELETE',
      path: `/api/posts/${p.id}`,
      token: w.alice,
      headers: { 'if-match': '"v1"' },
    }),
    afterwards: {
      what: 'its comment and favorite swept',
      done: async (table, p) => (await table.itemsIn(`POST#${p.id}`)) === 0,
    },
  },
  {
    route: 'GET /api/posts/:id/comments',
    kind: 'read',
    status: 200,
    act: (w) => ({ method: 'GET', path: `/api/posts/${w.postId}/comments` }),
  },
  {
    route: 'POST /api/posts/:id/comments',
    kind: 'write',
    status: 201,
    act: (w) => ({
      method: 'POST',
      path: `/api/posts/${w.postId}/comments`,
      token: w.bob,
      body: { body: 'hi' },
    }),
  },
  {
    route: 'DELETE /api/posts/:id/comments/:commentId',
    kind: 'write',
    status: 204,
    prepare: async (send, w) => ({
      id: await created(send, {
        method: 'POST',
        path: `/api/posts/${w.postId}/comments`,
        token: w.bob,
        body: { body: 'x' },
      }),
    }),
    act: (w, p) => ({ method: 'DELETE', path: `/api/posts/${w.postId}/comments/${p.id}`, token: w.bob }),
  },
  {
    route: 'PUT /api/posts/:id/favorite',
    kind: 'write',
    status: 204,
    prepare: async (send, w) => ({ id: await newPost(send, w.alice) }),
    act: (w, p) => ({ method: 'PUT', path: `/api/posts/${p.id}/favorite`, token: w.bob }),
  },
  {
    route: 'DELETE /api/posts/:id/favorite',
    kind: 'write',
    status: 204,
    prepare: async (send, w) => {
      const id = await newPost(send, w.alice);
      await send({ method: 'PUT', path: `/api/posts/${id}/favorite`, token: w.bob });
      return { id };
    },
    act: (w, p) => ({ method: 'DELETE', path: `/api/posts/${p.id}/favorite`, token: w.bob }),
  },
  {
    route: 'GET /api/me',
    kind: 'read',
    status: 200,
    act: (w) => ({ method: 'GET', path: '/api/me', token: w.bob }),
  },
  {
    route: 'PATCH /api/me',
    kind: 'write',
    status: 200,
    act: (w) => ({ method: 'PATCH', path: '/api/me', token: w.bob, body: { displayName: 'Bob B.' } }),
  },
  {
    route: 'GET /api/me/favorites',
    variant: 'three favorites',
    kind: 'own-list',
    status: 200,
    // Two more than the world's one, so the page's BatchGet must name several posts, each from the Query.
    prepare: async (send, w) => {
      for (const id of [await newPost(send, w.alice), await newPost(send, w.alice)]) {
        await send({ method: 'PUT', path: `/api/posts/${id}/favorite`, token: w.bob });
      }
      return {};
    },
    act: (w) => ({ method: 'GET', path: '/api/me/favorites', token: w.bob }),
  },
  {
    route: 'POST /api/uploads',
    kind: 'none',
    status: 201,
    act: (w) => ({
      method: 'POST',
      path: '/api/uploads',
      token: w.alice,
      body: { contentType: 'image/png', size: 100 },
    }),
  },
  {
    route: 'PUT /local-uploads/*',
    kind: 'none',
    status: 200,
    prepare: async (send, w) => {
      const { url } = await uploadTicket(send, w.alice);
      return { path: `${url.pathname}${url.search}` };
    },
    act: (_, p) => ({
      method: 'PUT',
      path: p.path as string,
      headers: { 'content-type': 'image/png' },
      raw: png(),
    }),
  },
  {
    route: 'GET /local-uploads/*',
    kind: 'none',
    status: 200,
    prepare: async (send, w) => {
      const { key, url } = await uploadTicket(send, w.alice);
      await send({
        method: 'PUT',
        path: `${url.pathname}${url.search}`,
        headers: { 'content-type': 'image/png' },
        raw: png(),
      });
      const imageUrl = await created(
        send,
        {
          method: 'POST',
          path: '/api/posts',
          token: w.alice,
          body: { title: 'img', body: 'b', imageKey: key },
        },
        'imageUrl',
      );
      const image = new URL(imageUrl);
      return { path: `${image.pathname}${image.search}` };
    },
    act: (_, p) => ({ method: 'GET', path: p.path as string }),
  },
  {
    route: 'POST /broadcast/comments',
    kind: 'read',
    status: 202,
    act: (w) => ({
      method: 'POST',
      path: '/broadcast/comments',
      headers: { 'x-broadcast-key': 'bench-broadcast-key-of-at-least-32-chars' },
      body: { postId: w.postId, message: 'hello' },
    }),
  },
  {
    route: 'POST /api/dev/token',
    kind: 'none',
    status: 200,
    act: () => ({ method: 'POST', path: '/api/dev/token', body: { userId: 'carol' } }),
  },
  {
    route: 'GET /.well-known/jwks.json',
    kind: 'none',
    status: 200,
    act: () => ({ method: 'GET', path: '/.well-known/jwks.json' }),
  },
  {
    route: 'GET /openapi.json',
    kind: 'none',
    status: 200,
    act: () => ({ method: 'GET', path: '/openapi.json' }),
  },
  { route: 'GET /docs', kind: 'none', status: 200, act: () => ({ method: 'GET', path: '/docs' }) },
  {
    route: 'GET /docs/start.js',
    kind: 'none',
    status: 200,
    act: () => ({ method: 'GET', path: '/docs/start.js' }),
  },
  {
    route: 'GET /docs/:file',
    kind: 'none',
    status: 200,
    act: () => ({ method: 'GET', path: '/docs/swagger-ui.css' }),
  },
];
