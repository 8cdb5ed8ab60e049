/** Who may call each route of the contract: the security suite's matrix, shared by its checks. */

export type Role = 'anonymous' | 'other' | 'owner' | 'bad';

export interface MatrixRow {
  method: string;
  path: (ids: { postId: string; commentId: string }) => string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Expected status per role; `bad` applies to every forged token. */
  expect: Record<Role, number>;
}

const ids = (f: (p: string, c: string) => string) => (x: { postId: string; commentId: string }) =>
  f(x.postId, x.commentId);

/** Every route of the contract and who may call it (CONTRACT.md, "REST routes"). */
export const AUTHORIZATION_MATRIX: MatrixRow[] = [
  // Health needs no token, but a bad one is 401 as on every route (CONTRACT.md); probes send none.
  { method: 'GET', path: () => '/api/health', expect: { anonymous: 200, other: 200, owner: 200, bad: 401 } },
  { method: 'GET', path: () => '/api/posts', expect: { anonymous: 200, other: 200, owner: 200, bad: 401 } },
  {
    method: 'POST',
    path: () => '/api/posts',
    body: { title: 't', body: 'b' },
    expect: { anonymous: 401, other: 201, owner: 201, bad: 401 },
  },
  {
    method: 'GET',
    path: ids((p) => `/api/posts/${p}`),
    expect: { anonymous: 200, other: 200, owner: 200, bad: 401 },
  },
  {
    method: 'PATCH',
    path: ids((p) => `/api/posts/${p}`),
    body: { title: 'changed' },
    expect: { anonymous: 401, other: 403, owner: 200, bad: 401 },
  },
  {
    method: 'DELETE',
    path: ids((p) => `/api/posts/${p}`),
    expect: { anonymous: 401, other: 403, owner: 204, bad: 401 },
  },
  {
    method: 'GET',
    path: ids((p) => `/api/posts/${p}/comments`),
    expect: { anonymous: 200, other: 200, owner: 200, bad: 401 },
  },
  {
    method: 'POST',
    path: ids((p) => `/api/posts/${p}/comments`),
    body: { body: 'hello' },
    expect: { anonymous: 401, other: 201, owner: 201, bad: 401 },
  },
  {
    method: 'DELETE',
    path: ids((p, c) => `/api/posts/${p}/comments/${c}`),
    expect: { anonymous: 401, other: 403, owner: 204, bad: 401 },
  },
  {
    method: 'PUT',
    path: ids((p) => `/api/posts/${p}/favorite`),
    expect: { anonymous: 401, other: 204, owner: 204, bad: 401 },
  },
  {
    method: 'DELETE',
    path: ids((p) => `/api/posts/${p}/favorite`),
    expect: { anonymous: 401, other: 204, owner: 204, bad: 401 },
  },
  { method: 'GET', path: () => '/api/me', expect: { anonymous: 401, other: 200, owner: 200, bad: 401 } },
  {
    method: 'PATCH',
    path: () => '/api/me',
    body: { displayName: 'New Name' },
    expect: { anonymous: 401, other: 200, owner: 200, bad: 401 },
  },
  {
    method: 'GET',
    path: () => '/api/me/favorites',
    expect: { anonymous: 401, other: 200, owner: 200, bad: 401 },
  },
  {
    method: 'POST',
    path: () => '/api/uploads',
    body: { contentType: 'image/png', size: 1000 },
    expect: { anonymous: 401, other: 201, owner: 201, bad: 401 },
  },
  // User tokens never open the broadcast endpoint, whoever they belong to.
  {
    method: 'POST',
    path: () => '/broadcast/comments',
    body: { message: 'hi' },
    expect: { anonymous: 401, other: 403, owner: 403, bad: 403 },
  },
  {
    method: 'POST',
    path: () => '/api/dev/token',
    body: { userId: 'someone' },
    expect: { anonymous: 200, other: 200, owner: 200, bad: 401 },
  },
  {
    method: 'GET',
    path: () => '/openapi.json',
    expect: { anonymous: 200, other: 200, owner: 200, bad: 401 },
  },
];
