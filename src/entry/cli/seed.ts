/**
 * `make seed`: demo users, posts, comments and favorites, loaded through the running local stack's public
 * API. Every write carries an Idempotency-Key, so seeding twice adds nothing the second time.
 */
import { loadConfig } from '../../config/config.js';
import { localStackUrls } from '../../local/running-stack.js';
import { demoContent } from './seed-content.js';

const api = process.argv[2] ?? (await localStackUrls(loadConfig())).apiUrl;

async function call(method: string, path: string, token?: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${api}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

try {
  await call('GET', '/api/health');
} catch (error) {
  console.error(
    `No local stack answers at ${api} (${(error as Error).message}). Start it with \`make local\`, then run \`make seed\` again.`,
  );
  process.exit(1);
}

const tokens = new Map<string, string>();
for (const user of demoContent.users) {
  tokens.set(
    user.id,
    (await call('POST', '/api/dev/token', undefined, { userId: user.id, name: user.name })).token,
  );
}
console.log(`seed: ${tokens.size} users`);

let done = 0;
for (const [index, post] of demoContent.posts.entries()) {
  const author = tokens.get(post.author) ?? '';
  const created = await call('POST', '/api/posts', author, post.fields, `seed-post-${index}`);
  for (const [n, comment] of post.comments.entries()) {
    await call(
      'POST',
      `/api/posts/${created.id}/comments`,
      tokens.get(comment.author),
      { body: comment.body },
      `seed-comment-${index}-${n}`,
    );
  }
  for (const fan of post.favoritedBy) await call('PUT', `/api/posts/${created.id}/favorite`, tokens.get(fan));
  done++;
  console.log(
    `seed: post ${done}/${demoContent.posts.length} "${created.title}" with ${post.comments.length} comments`,
  );
}
console.log(`seed: done — open ${api}/api/posts`);
