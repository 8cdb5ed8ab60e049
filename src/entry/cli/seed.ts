/**
 * `make seed`: demo users, posts, comments and favorites, loaded through the running local stack's public
 * API. Every write carries an Idempotency-Key, so seeding twice adds nothing the second time.
 */

import { bearer, createApiClient } from '../../../web/src/api/typed-client.js';
import { loadConfig } from '../../config/config.js';
import { localStackUrls } from '../../local/running-stack.js';
import { demoContent } from './seed-content.js';

const baseUrl = process.argv[2] ?? (await localStackUrls(loadConfig())).apiUrl;
const api = createApiClient({ baseUrl });

/** The answer's data, or an error naming the call and what the API said. */
async function ok<T>(
  what: string,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const said = typeof error === 'string' ? error : JSON.stringify(error);
    throw new Error(`${what} answered ${response.status}: ${said}`);
  }
  return data as T;
}
const signedIn = (token: string | undefined, key?: string) => ({
  ...(token ? bearer(token) : {}),
  ...(key ? { 'idempotency-key': key } : {}),
});

try {
  await ok('GET /api/health', api.GET('/api/health'));
} catch (error) {
  console.error(
    `No local stack answers at ${baseUrl} (${(error as Error).message}). Start it with \`make local\`, then run \`make seed\` again.`,
  );
  process.exit(1);
}

const tokens = new Map<string, string>();
for (const user of demoContent.users) {
  tokens.set(
    user.id,
    (
      await ok(
        'POST /api/dev/token',
        api.POST('/api/dev/token', { body: { userId: user.id, name: user.name } }),
      )
    ).token,
  );
}
console.log(`seed: ${tokens.size} users`);

let done = 0;
for (const [index, post] of demoContent.posts.entries()) {
  const author = tokens.get(post.author) ?? '';
  const created = await ok(
    'POST /api/posts',
    api.POST('/api/posts', { headers: signedIn(author, `seed-post-${index}`), body: post.fields }),
  );
  const path = { id: created.id };
  for (const [n, comment] of post.comments.entries()) {
    await ok(
      'POST /api/posts/{id}/comments',
      api.POST('/api/posts/{id}/comments', {
        params: { path },
        headers: signedIn(tokens.get(comment.author), `seed-comment-${index}-${n}`),
        body: { body: comment.body },
      }),
    );
  }
  for (const fan of post.favoritedBy) {
    await ok(
      'PUT /api/posts/{id}/favorite',
      api.PUT('/api/posts/{id}/favorite', { params: { path }, headers: signedIn(tokens.get(fan)) }),
    );
  }
  done++;
  console.log(
    `seed: post ${done}/${demoContent.posts.length} "${created.title}" with ${post.comments.length} comment${post.comments.length === 1 ? '' : 's'}`,
  );
}
console.log(`seed: done — open ${baseUrl}/api/posts`);
