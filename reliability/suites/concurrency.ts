/**
 * Suite 2, concurrency invariants on the dynamodb provider: many clients at once create and delete
 * comments, toggle favorites, edit the same posts with If-Match, and some posts are deleted while others
 * comment on them. Afterwards every count equals what is stored, nothing is orphaned, every 201 is
 * readable, every acknowledged delete and favorite toggle holds, no edit was lost, and nothing was a 5xx.
 */
import { createDocuments } from '../../src/composition/create-documents.js';
import { startTestStack } from '../../test/support/test-stack.js';
import { type Answer, call } from '../support/http.js';
import { Latencies } from '../support/latency.js';
import { type Progress, quiet, type SuiteResult, Violations } from '../support/report.js';
import { createPost, listAll } from '../support/world.js';

/** The contract's bound on a deleted post's sweep, locally. */
const SWEEP_BOUND_MS = 2_000;

export interface ConcurrencyOptions {
  /** Simultaneous clients, each a user of its own. */
  clients: number;
  /** Operations each client performs, one after another. */
  opsPerClient: number;
  seed?: number;
  progress?: Progress;
}

/** A small seeded PRNG (mulberry32), so a run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Edit {
  version: number;
  title: string;
}

export async function runConcurrency(options: ConcurrencyOptions): Promise<SuiteResult> {
  const progress = options.progress ?? quiet;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const rand = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)] as T;
  const violations = new Violations();
  const latencies = new Latencies();
  let requests = 0;
  let errors = 0;

  // The stack's own embedded DynamoDB, whose stream sweeps deleted posts as the stream function does in AWS.
  const tableName = 'blogapp-concurrency';
  const stack = await startTestStack('dynamodb', { APP_DYNAMODB_TABLE: tableName });
  const direct = createDocuments({ endpoint: stack.dynamodbEndpoint ?? '', region: 'us-east-1' });
  const base = stack.apiUrl;
  try {
    const users = Array.from({ length: options.clients }, (_, i) => `user${i}`);
    const tokens = await Promise.all(users.map((u) => stack.token(u, u)));
    const tokenOf = new Map(users.map((u, i) => [u, tokens[i] as string]));
    const authorCount = Math.max(2, Math.ceil(options.clients / 4));
    const posts: { id: string; author: string; doomed: boolean }[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(options.clients / 3)); i++) {
      const author = users[i % authorCount] as string;
      posts.push({ id: (await createPost(base, tokenOf.get(author) as string)).id, author, doomed: false });
    }
    for (let i = 0; i < 2; i++) {
      const author = users[i] as string;
      posts.push({ id: (await createPost(base, tokenOf.get(author) as string)).id, author, doomed: true });
    }
    const doomed = new Set(posts.filter((p) => p.doomed).map((p) => p.id));

    // What the clients were told: the model the storage must agree with afterwards.
    const created = new Map<string, { postId: string; author: string }>();
    const deletedComments = new Set<string>();
    const favoriteState = new Map<string, boolean>(); // `${user} ${postId}` → last acknowledged state
    const edits = new Map<string, Edit[]>();
    const total = options.clients * options.opsPerClient;
    let done = 0;
    let deleting: Promise<void> | undefined;

    const send = async (
      method: string,
      path: string,
      token: string,
      extra: Partial<Parameters<typeof call>[3]> = {},
    ) => {
      const answer = await call(base, method, path, { token, ...extra });
      requests++;
      latencies.add(answer.ms);
      return answer;
    };
    const expectStatus = (answer: Answer, allowed: number[], what: string, postId?: string) => {
      // A post being deleted may vanish under any operation on it: 404 is then the right answer.
      const ok =
        allowed.includes(answer.status) ||
        (answer.status === 404 && postId !== undefined && doomed.has(postId));
      if (!ok) {
        errors++;
        violations.add(`unexpected ${answer.status} ← ${what}: ${answer.text.slice(0, 200)}`);
      }
      return answer.status;
    };

    const deleteDoomed = async () => {
      progress('concurrency: deleting posts while clients comment on them');
      for (const post of posts.filter((p) => p.doomed)) {
        const answer = await send('DELETE', `/api/posts/${post.id}`, tokenOf.get(post.author) as string);
        expectStatus(answer, [204], `DELETE post ${post.id}`);
      }
    };

    const client = async (user: string) => {
      const token = tokenOf.get(user) as string;
      const mine: string[] = [];
      for (let op = 0; op < options.opsPerClient; op++) {
        const post = pick(posts);
        const roll = rand();
        if (roll < 0.35) {
          const body = `${user} says ${op}`;
          const answer = await send('POST', `/api/posts/${post.id}/comments`, token, { body: { body } });
          if (expectStatus(answer, [201], `comment on ${post.id}`, post.id) === 201) {
            created.set(answer.body.id, { postId: post.id, author: user });
            mine.push(answer.body.id);
          }
        } else if (roll < 0.5 && mine.length > 0) {
          const id = mine.splice(Math.floor(rand() * mine.length), 1)[0] as string;
          const postId = created.get(id)?.postId as string;
          const answer = await send('DELETE', `/api/posts/${postId}/comments/${id}`, token);
          if (expectStatus(answer, [204], `delete comment ${id}`, postId) === 204) deletedComments.add(id);
        } else if (roll < 0.75) {
          const on = rand() < 0.5;
          const answer = await send(on ? 'PUT' : 'DELETE', `/api/posts/${post.id}/favorite`, token);
          if (expectStatus(answer, [204], `favorite ${on} on ${post.id}`, post.id) === 204)
            favoriteState.set(`${user} ${post.id}`, on);
        } else if (roll < 0.9) {
          // The author editing from another device: many of these race on the same post with If-Match.
          const author = tokenOf.get(post.author) as string;
          const read = await send('GET', `/api/posts/${post.id}`, author);
          if (expectStatus(read, [200], `read ${post.id} to edit`, post.id) !== 200) continue;
          const title = `${user} edit ${op}`;
          const answer = await send('PATCH', `/api/posts/${post.id}`, author, {
            body: { title },
            headers: { 'if-match': read.headers.get('etag') ?? '' },
          });
          if (expectStatus(answer, [200, 412], `edit ${post.id}`, post.id) === 200) {
            const list = edits.get(post.id) ?? [];
            list.push({ version: answer.body.version, title });
            edits.set(post.id, list);
          }
        } else {
          const answer = await send('GET', `/api/posts/${post.id}/comments?limit=50`, token);
          expectStatus(answer, [200], `list comments of ${post.id}`, post.id);
        }
        done++;
        if (done % 200 === 0) progress(`concurrency: ${done}/${total} operations`);
        if (!deleting && done >= total / 2) deleting = deleteDoomed();
      }
    };

    progress(`concurrency: ${options.clients} clients × ${options.opsPerClient} operations`);
    await Promise.all(users.map(client));
    await (deleting ?? deleteDoomed());

    progress('concurrency: checking invariants');
    await checkInvariants();

    /** The deleted post's partition once swept, or what is still there after the contract's 2 s. */
    async function sweptOrNot(postId: string) {
      const deadline = Date.now() + SWEEP_BOUND_MS;
      for (;;) {
        const left = await direct.documents.query({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `POST#${postId}` },
          ConsistentRead: true,
        });
        if ((left.Items ?? []).length === 0 || Date.now() > deadline) return left;
        await new Promise((resume) => setTimeout(resume, 50));
      }
    }

    async function checkInvariants() {
      const favoritesOf = new Map<string, Set<string>>();
      for (const user of users) {
        const items = await listAll(base, '/api/me/favorites', tokenOf.get(user));
        favoritesOf.set(user, new Set(items.map((p) => String(p.id))));
      }
      const feed = new Set((await listAll(base, '/api/posts')).map((p) => String(p.id)));
      for (const post of posts) {
        if (post.doomed) {
          const [one, comments] = await Promise.all([
            call(base, 'GET', `/api/posts/${post.id}`),
            call(base, 'GET', `/api/posts/${post.id}/comments`),
          ]);
          if (one.status !== 404 || comments.status !== 404)
            violations.add(`deleted post ${post.id} still answers ${one.status}/${comments.status}`);
          if (feed.has(post.id)) violations.add(`deleted post ${post.id} still in the feed`);
          for (const [user, favs] of favoritesOf)
            if (favs.has(post.id)) violations.add(`deleted post ${post.id} still in ${user}'s favorites`);
          const left = await sweptOrNot(post.id);
          if ((left.Items ?? []).length > 0)
            violations.add(
              `orphans of deleted post ${post.id}: ${(left.Items ?? []).map((i) => i.sk).join(', ')}`,
            );
          continue;
        }
        const read = await call(base, 'GET', `/api/posts/${post.id}`);
        const comments = await listAll(base, `/api/posts/${post.id}/comments`);
        const listed = new Set(comments.map((c) => String(c.id)));
        if (read.body.commentCount !== comments.length)
          violations.add(
            `post ${post.id}: commentCount ${read.body.commentCount}, ${comments.length} stored`,
          );
        for (const [id, c] of created) {
          if (c.postId !== post.id) continue;
          if (deletedComments.has(id) && listed.has(id))
            violations.add(`comment ${id} deleted (204) but listed`);
          if (!deletedComments.has(id) && !listed.has(id))
            violations.add(`comment ${id} acknowledged (201) but lost`);
        }
        for (const id of listed)
          if (!created.has(id)) violations.add(`comment ${id} listed but never acknowledged`);
        const favoriters = users.filter((u) => favoritesOf.get(u)?.has(post.id));
        if (read.body.favoriteCount !== favoriters.length)
          violations.add(
            `post ${post.id}: favoriteCount ${read.body.favoriteCount}, ${favoriters.length} favoriters`,
          );
        for (const user of users) {
          const expected = favoriteState.get(`${user} ${post.id}`) ?? false;
          if (favoritesOf.get(user)?.has(post.id) !== expected)
            violations.add(`${user}'s favorite of ${post.id}: acknowledged ${expected}, stored ${!expected}`);
        }
        const postEdits = edits.get(post.id) ?? [];
        const versions = new Set(postEdits.map((e) => e.version));
        if (versions.size !== postEdits.length)
          violations.add(`post ${post.id}: two edits got the same version`);
        if (read.body.version !== 1 + postEdits.length)
          violations.add(
            `post ${post.id}: version ${read.body.version} after ${postEdits.length} acknowledged edits`,
          );
        const last = postEdits.sort((a, b) => b.version - a.version)[0];
        if (last && read.body.title !== last.title)
          violations.add(
            `post ${post.id}: title ${JSON.stringify(read.body.title)}, last edit said ${last.title}`,
          );
      }
    }

    const lost = violations.list.filter((v) => v.includes('but lost')).length;
    return {
      suite: 'concurrency (dynamodb)',
      inputs: total,
      requests,
      errors,
      p50Ms: latencies.quantile(0.5),
      p99Ms: latencies.quantile(0.99),
      lostWrites: lost,
      violations: violations.toArray(),
      note: `${options.clients} clients, ${created.size} comments, ${[...edits.values()].flat().length} edits, seed ${seed}`,
    };
  } finally {
    direct.destroy();
    await stack.close();
  }
}
