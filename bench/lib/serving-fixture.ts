import { join } from 'node:path';
import type { BenchContext } from './context.js';
import { benchPosts } from './fixture.js';
import { get } from './http-probe.js';
import { writeJson } from './lambda-events.js';
import { launch, ourServer } from './servers.js';

/** The files the HTTP servers of the comparison start from, and the two read routes they all serve. */
export interface ServingFixture {
  /** Our posts, loaded by our server at start. */
  fixture: string;
  /** Our exact replies on both routes, replayed by the node:http floor. */
  replies: string;
  /** Our first page of posts, served by the FastAPI peer. */
  peerData: string;
  dataDir: string;
  /** Bytes of our first page of posts, for the cost sketch's read units. */
  listBytes: number;
  /** Bytes of one post as we answer it, standing for a post item's size in the cost sketch. */
  postBytes: number;
  routes: { label: string; path: string }[];
}

// Hop-by-hop and per-connection headers that node:http writes itself.
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Starts our server once on the bench's posts and records what it answers, for the floor and the peer. */
export async function prepareServingFixture(ctx: BenchContext): Promise<ServingFixture> {
  const posts = benchPosts(ctx.scale.posts);
  const newest = posts[posts.length - 1];
  if (!newest) throw new Error('no posts');
  const fixture = await writeJson(ctx.work, 'posts.json', posts);
  const dataDir = join(ctx.work, 'server-data');
  const routes = [
    { label: 'GET /api/posts/{id}', path: `/api/posts/${newest.id}` },
    { label: 'GET /api/posts', path: '/api/posts' },
  ];
  const server = await launch(ourServer(ctx.entries.appServer, fixture, dataDir), '/api/health');
  try {
    const replies: Record<string, { status: number; headers: Record<string, unknown>; body: string }> = {};
    for (const { path } of routes) {
      const reply = await get(`${server.url}${path}`);
      if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}`);
      const headers = Object.fromEntries(
        Object.entries(reply.headers).filter(([name]) => !OWN_HEADERS.has(name)),
      );
      replies[path] = { status: reply.status, headers, body: reply.body.toString('base64') };
    }
    const bodyOf = (path: string) => Buffer.from(replies[path]?.body ?? '', 'base64');
    const listBody = bodyOf('/api/posts').toString('utf8');
    return {
      fixture,
      replies: await writeJson(ctx.work, 'replies.json', replies),
      peerData: await writeJson(ctx.work, 'peer-data.json', JSON.parse(listBody)),
      dataDir,
      listBytes: Buffer.byteLength(listBody),
      postBytes: bodyOf(`/api/posts/${newest.id}`).length,
      routes,
    };
  } finally {
    await server.stop();
  }
}
