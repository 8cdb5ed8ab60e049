/**
 * Suite 3, load and soak: autocannon drives a mixed read/write workload at the local stack (dynamodb
 * provider on the embedded dynalite, persisted as `make local` runs it) for a bounded time and count.
 * Afterwards every acknowledged write is looked for: each 201 post and comment, each 204 favorite, and
 * the counts must equal what is stored. Zero errors and zero lost writes required.
 */
import autocannon from 'autocannon';
import { startTestStack } from '../../test/support/test-stack.js';
import { call, sleep } from '../support/http.js';
import { type Progress, quiet, type SuiteResult, Violations } from '../support/report.js';
import { createPost, listAll } from '../support/world.js';

export interface LoadOptions {
  /** Seconds the workload runs (it stops earlier at `maxRequests` answers). */
  durationSeconds: number;
  connections: number;
  maxRequests: number;
  progress?: Progress;
}

interface Acknowledged {
  posts: Set<string>;
  comments: Map<string, string>; // comment id → post id
  favorites: Set<string>; // `${user} ${postId}`
}

export async function runLoad(options: LoadOptions): Promise<SuiteResult> {
  const progress = options.progress ?? quiet;
  const violations = new Violations();
  const stack = await startTestStack('dynamodb');
  const base = stack.apiUrl;
  try {
    const users = Array.from({ length: 8 }, (_, i) => `reader${i}`);
    const tokens = await Promise.all(users.map((u) => stack.token(u, u)));
    const seeded = await Promise.all(tokens.slice(0, 4).map((t) => createPost(base, t)));
    const postIds = seeded.map((p) => p.id);
    const ack: Acknowledged = { posts: new Set(postIds), comments: new Map(), favorites: new Set() };
    let sequence = 0;
    const any = <T>(items: T[]): T => items[sequence % items.length] as T;
    const who = () => {
      const i = Math.floor(Math.random() * users.length);
      return { user: users[i] as string, token: tokens[i] as string };
    };
    const json = (token: string) => ({
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    });
    // A client's round: comment, read the post and its comments, favorite, read the feed, now and then post.
    const requests: autocannon.Request[] = [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const postId = postIds[Math.floor(Math.random() * postIds.length)] as string;
          const { token } = who();
          Object.assign(context, { postId });
          return {
            ...request,
            path: `/api/posts/${postId}/comments`,
            headers: json(token),
            body: JSON.stringify({ body: `load comment ${++sequence}` }),
          };
        },
        onResponse: (status, body, context) => {
          if (status === 201) ack.comments.set(JSON.parse(body).id, (context as { postId: string }).postId);
        },
      },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/posts/${any(postIds)}` }) },
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: `/api/posts/${any(postIds)}/comments?limit=20` }),
      },
      {
        method: 'PUT',
        setupRequest: (request, context) => {
          const postId = postIds[Math.floor(Math.random() * postIds.length)] as string;
          const { user, token } = who();
          Object.assign(context, { key: `${user} ${postId}` });
          return {
            ...request,
            path: `/api/posts/${postId}/favorite`,
            headers: { authorization: `Bearer ${token}` },
          };
        },
        onResponse: (status, _body, context) => {
          if (status === 204) ack.favorites.add((context as { key: string }).key);
        },
      },
      { method: 'GET', setupRequest: (request) => ({ ...request, path: '/api/posts?limit=20' }) },
      {
        method: 'POST',
        setupRequest: (request) => {
          if (++sequence % 5 !== 0)
            return { ...request, method: 'GET', path: '/api/health', body: undefined };
          return {
            ...request,
            path: '/api/posts',
            headers: json(who().token),
            body: JSON.stringify({ title: `load post ${sequence}`, body: 'under load', tags: ['load'] }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) ack.posts.add(JSON.parse(body).id);
        },
      },
    ];

    progress(`load: ${options.connections} connections for ${options.durationSeconds} s`);
    let last = Date.now();
    let answered = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: options.connections,
          duration: options.durationSeconds,
          timeout: 15,
          requests,
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
      instance.on('response', () => {
        // autocannon's own `amount` would override `duration`; this stops at whichever comes first.
        if (++answered === options.maxRequests) instance.stop();
        if (Date.now() - last > 5_000) {
          last = Date.now();
          progress(`load: ${answered} responses`);
        }
      });
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    if (errors > 0)
      violations.add(
        `${result.non2xx} non-2xx (${result['4xx']} 4xx, ${result['5xx']} 5xx), ${result.errors} errors, ${result.timeouts} timeouts`,
      );

    // Requests still in flight when autocannon stops (it drops their connections, the server finishes them)
    // may commit after this point: the counts are checked once the stack has settled, within a bound.
    progress('load: looking for every acknowledged write');
    let check = await verify();
    for (const deadline = Date.now() + 30_000; check.drift.length > 0 && Date.now() < deadline; ) {
      await sleep(200);
      check = await verify();
    }
    for (const message of [...check.lost, ...check.drift]) violations.add(message);
    const lost = check.lost.length;

    /** Acknowledged writes that cannot be found (never settles), and counts that differ from what is stored. */
    async function verify(): Promise<{ lost: string[]; drift: string[] }> {
      const lost: string[] = [];
      const drift: string[] = [];
      for (const id of ack.posts) {
        if ((await call(base, 'GET', `/api/posts/${id}`)).status !== 200)
          lost.push(`post ${id} acknowledged but lost`);
      }
      const favoritesByUser = new Map<string, Set<string>>();
      for (const [i, user] of users.entries()) {
        const items = await listAll(base, '/api/me/favorites', tokens[i]);
        favoritesByUser.set(user, new Set(items.map((p) => String(p.id))));
      }
      for (const key of ack.favorites) {
        const [user, postId] = key.split(' ') as [string, string];
        if (!favoritesByUser.get(user)?.has(postId)) lost.push(`favorite ${key} acknowledged but lost`);
      }
      for (const postId of postIds) {
        const post = (await call(base, 'GET', `/api/posts/${postId}`)).body;
        const listed = new Set(
          (await listAll(base, `/api/posts/${postId}/comments`)).map((c) => String(c.id)),
        );
        for (const [id, on] of ack.comments)
          if (on === postId && !listed.has(id)) lost.push(`comment ${id} acknowledged but lost`);
        if (post.commentCount !== listed.size)
          drift.push(`post ${postId}: commentCount ${post.commentCount}, ${listed.size} stored`);
        const favoriters = users.filter((u) => favoritesByUser.get(u)?.has(postId)).length;
        if (post.favoriteCount !== favoriters)
          drift.push(`post ${postId}: favoriteCount ${post.favoriteCount}, ${favoriters} favoriters`);
      }
      return { lost, drift };
    }
    return {
      suite: 'load (autocannon, dynamodb)',
      inputs: ack.posts.size + ack.comments.size + ack.favorites.size,
      requests: result.requests.total,
      errors,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      lostWrites: lost,
      violations: violations.toArray(),
      note: `${Math.round(result.requests.average)} req/s over ${result.duration} s; ${ack.comments.size} comments, ${ack.posts.size} posts`,
    };
  } finally {
    await stack.close();
  }
}
