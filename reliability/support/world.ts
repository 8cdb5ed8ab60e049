import { call } from './http.js';

/** Every item of a paginated listing, following nextCursor; throws when a page is not a 200. */
export async function listAll(
  base: string,
  path: string,
  token?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page = await call(
      base,
      'GET',
      `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token ? { token } : {},
    );
    if (page.status !== 200)
      throw new Error(`GET ${path} answered ${page.status}: ${page.text.slice(0, 200)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Everything a client can read, as one string: the feed, each post with its comments, and each user's
 * profile and favorites. Equal snapshots mean nothing visible in storage changed.
 */
export async function snapshot(base: string, tokens: string[]): Promise<string> {
  const posts = await listAll(base, '/api/posts');
  const parts: unknown[] = [posts];
  for (const post of posts) {
    const id = encodeURIComponent(String(post.id));
    const one = await call(base, 'GET', `/api/posts/${id}`);
    parts.push(
      one.status,
      one.body,
      one.headers.get('etag'),
      await listAll(base, `/api/posts/${id}/comments`),
    );
  }
  for (const token of tokens) {
    parts.push(
      (await call(base, 'GET', '/api/me', { token })).body,
      await listAll(base, '/api/me/favorites', token),
    );
  }
  return JSON.stringify(parts);
}

/**
 * The snapshot once work after a write (the stream's sweeps and renames) has finished: taken until two in a
 * row agree, for at most the contract's 2 s.
 */
export async function settledSnapshot(base: string, tokens: string[], first: string): Promise<string> {
  const deadline = Date.now() + 2_000;
  let previous = first;
  for (;;) {
    await new Promise((resume) => setTimeout(resume, 100));
    const next = await snapshot(base, tokens);
    if (next === previous || Date.now() > deadline) return next;
    previous = next;
  }
}

/** Creates a post and returns it; throws unless 201. */
export async function createPost(
  base: string,
  token: string,
  body: Record<string, unknown> = { title: 'A post', body: 'Its body', tags: ['seed'] },
): Promise<{ id: string; version: number }> {
  const answer = await call(base, 'POST', '/api/posts', { token, body });
  if (answer.status !== 201) throw new Error(`create post answered ${answer.status}: ${answer.text}`);
  return answer.body;
}

/** Creates a comment and returns it; throws unless 201. */
export async function createComment(base: string, token: string, postId: string, body = 'A comment') {
  const answer = await call(base, 'POST', `/api/posts/${postId}/comments`, { token, body: { body } });
  if (answer.status !== 201) throw new Error(`create comment answered ${answer.status}: ${answer.text}`);
  return answer.body as { id: string; postId: string; body: string };
}

/** Runs `worker(i)` for i in 0..count-1, at most `concurrency` at a time. */
export async function pool(count: number, concurrency: number, worker: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await worker(next++);
    }),
  );
}
