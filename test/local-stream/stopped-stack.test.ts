import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postKey } from '../../src/adapters/dynamodb/table-design.js';
import { createDocuments } from '../../src/composition/create-documents.js';
import { startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { type ApiResponse, apiRequest, devToken, type RequestOptions } from '../support/api-request.js';
import { startCliProcess } from '../support/cli-process.js';
import { png } from '../support/images.js';
import { startTestStack } from '../support/test-stack.js';

const TABLE = 'blogapp-local';
const HOUR_MS = 60 * 60 * 1000;
const RENAMED = 'Bobby Killed';
/** What the writes leave for the stream: 30 comments and a favorite to sweep, an image, a name to copy. */
const undone = { remains: 31, bobsName: 'Bob', images: [expect.any(String)] };

type Request = (method: string, path: string, options?: RequestOptions) => Promise<ApiResponse>;

/** Polls until `check` holds; the deadline only catches a hang. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resume) => setTimeout(resume, 25));
  }
}

/** The items left in the deleted post's partition and the name on Bob's post, read from the table itself. */
async function tableState(endpoint: string, doomedId: string, bobsPostId: string) {
  const { documents, destroy } = createDocuments({ endpoint, region: 'us-east-1' });
  try {
    const { Items } = await documents.query({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': postKey(doomedId).pk },
      ConsistentRead: true,
    });
    const { Item } = await documents.get({
      TableName: TABLE,
      Key: postKey(bobsPostId),
      ConsistentRead: true,
    });
    return { remains: Items?.length ?? -1, bobsName: Item?.authorName as unknown };
  } finally {
    destroy();
  }
}

/** The frozen images of `userId` on the local disk store (each beside its `.json` metadata). */
const imagesOf = async (dataDir: string, userId: string) =>
  (await readdir(join(dataDir, 'uploads', 'images', userId)).catch(() => [] as string[])).filter(
    (name) => !name.endsWith('.json'),
  );

/**
 * The auditor's writes: a post with an image, 30 comments and a favorite deleted, and a rename; each
 * answered as done, with the work it leaves for the stream (the sweep, the names) not done yet.
 */
async function writeWorkForTheStream(request: Request, dataDir: string) {
  const [alice, bob] = [await devToken(request, 'alice', 'Alice'), await devToken(request, 'bob', 'Bob')];
  const bobsPost = await request('POST', '/api/posts', { token: bob, body: { title: 'mine', body: 'b' } });
  expect(bobsPost.status).toBe(201);
  const picture = png();
  const ticket = (
    await request('POST', '/api/uploads', {
      token: alice,
      body: { contentType: 'image/png', size: picture.length },
    })
  ).body;
  const put = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: picture });
  expect(put.status).toBe(200);
  const doomed = await request('POST', '/api/posts', {
    token: alice,
    body: { title: 'doomed', body: 'b', imageKey: ticket.key },
  });
  expect(doomed.status).toBe(201);
  const postId = doomed.body.id as string;
  for (let i = 0; i < 30; i++) {
    const comment = await request('POST', `/api/posts/${postId}/comments`, {
      token: bob,
      body: { body: `comment ${i}` },
    });
    expect(comment.status).toBe(201);
  }
  expect((await request('PUT', `/api/posts/${postId}/favorite`, { token: bob })).status).toBe(204);
  expect(await imagesOf(dataDir, 'alice')).toHaveLength(1);

  expect((await request('DELETE', `/api/posts/${postId}`, { token: alice })).status).toBe(204);
  const renamed = await request('PATCH', '/api/me', { token: bob, body: { displayName: RENAMED } });
  expect(renamed.status).toBe(200);
  return { postId, bobsPostId: bobsPost.body.id as string };
}

type Written = Awaited<ReturnType<typeof writeWorkForTheStream>>;

/** What the dead stack left: read from its files with nothing reading the stream, so nothing changes them. */
async function leftUndone(dataDir: string, { postId, bobsPostId }: Written) {
  const db = await startEmbeddedDynamoDb({ path: join(dataDir, 'dynamodb') });
  try {
    return {
      ...(await tableState(db.endpoint, postId, bobsPostId)),
      images: await imagesOf(dataDir, 'alice'),
    };
  } finally {
    await db.close();
  }
}

/** Restarts the stack on `dataDir` and waits until the sweep and the rename are done. */
async function restartAndExpectTheWorkDone(dataDir: string, { postId, bobsPostId }: Written) {
  const stack = await startTestStack('dynamodb', {}, dataDir);
  try {
    const endpoint = stack.dynamodbEndpoint ?? '';
    await eventually(async () => (await tableState(endpoint, postId, bobsPostId)).remains === 0);
    await eventually(async () => (await imagesOf(dataDir, 'alice')).length === 0);
    await eventually(async () => {
      const { items } = (await stack.request('GET', '/api/posts?author=bob')).body;
      return items.length === 1 && items[0].authorName === RENAMED;
    });
    // Counts stay exact: the favorite of the deleted post is gone from Bob's list too.
    const bob = await stack.token('bob');
    expect((await stack.request('GET', '/api/me/favorites', { token: bob })).body.items).toEqual([]);
  } finally {
    await stack.close();
  }
}

describe('stopping the local stack right after a write loses no work the write left for the stream', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-stopped-'));
    dirs.push(dir);
    return dir;
  };

  it('after the process is killed (SIGKILL), the next start sweeps the deleted post and copies the rename', async () => {
    const dir = await dataDir();
    const child = startCliProcess('test/support/held-stream-stack.ts', [dir], {
      env: { LOG_LEVEL: 'ERROR' },
    });
    let written: Written;
    let pid: number | undefined;
    try {
      const started = JSON.parse((await child.waitFor(/\{"apiUrl".*\}/))[0]);
      pid = started.pid as number;
      const apiUrl = started.apiUrl as string;
      written = await writeWorkForTheStream(
        (method, path, options) => apiRequest(apiUrl, method, path, options),
        dir,
      );
    } finally {
      // The stack's own process, killed at once; then tsx, which started it, ends too.
      if (pid) process.kill(pid, 'SIGKILL');
      await child.stop();
    }

    // 30 comments, the favorite, the image and Bob's old name all still there: the dead process did none of it.
    expect(await leftUndone(dir, written)).toEqual(undone);
    await restartAndExpectTheWorkDone(dir, written);
  });

  it('after a stop that could not drain, the next start does the work', async () => {
    const dir = await dataDir();
    const stack = await startTestStack('dynamodb', {}, dir, {
      streamOptions: { batchingWindowMs: HOUR_MS, drainTimeoutMs: 0 },
    });
    const written = await writeWorkForTheStream(stack.request, dir);
    await stack.close();

    expect(await leftUndone(dir, written)).toEqual(undone);
    await restartAndExpectTheWorkDone(dir, written);
  });

  it('a graceful stop (Ctrl-C) does the queued work before it ends', async () => {
    const dir = await dataDir();
    const stack = await startTestStack('dynamodb', {}, dir, {
      streamOptions: { batchingWindowMs: HOUR_MS },
    });
    const written = await writeWorkForTheStream(stack.request, dir);
    await stack.close();

    expect(await leftUndone(dir, written)).toEqual({ remains: 0, bobsName: RENAMED, images: [] });
  });
});
