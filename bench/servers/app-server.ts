/**
 * Our API as `make local` serves it (the same Hono app on @hono/node-server), on the memory provider
 * holding the bench's posts from the start, so a fresh process can be timed to its first answer like the
 * FastAPI peer. Env: PORT, BENCH_FIXTURE (a JSON array of posts), APP_DATA_DIR.
 * Prints {"url": ...} once listening.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createMemoryStorage } from '../../src/adapters/memory/memory-storage.js';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import type { Post } from '../../src/domain/posts/post.js';
import { createApp } from '../../src/http/app.js';

const fixture = process.env.BENCH_FIXTURE;
if (!fixture) throw new Error('BENCH_FIXTURE is required');
const config = loadConfig({ ...process.env, APP_REPOSITORY_PROVIDER: 'memory' });
const storage = createMemoryStorage();
for (const post of JSON.parse(readFileSync(fixture, 'utf8')) as Post[]) await storage.posts.create(post);
const app = createApp(await composeApi(config, { storage }));
const server = serve({ fetch: app.fetch, port: config.local.port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
