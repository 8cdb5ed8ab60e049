import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDocuments } from '../../src/composition/create-documents.js';
import { type MotoServer, startMotoServer } from '../support/moto-server.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { openSocket, type TestSocket } from '../support/ws-client.js';

const TABLE = 'blogapp-local';
/** A hang guard for the polls below, not a timing claim; generous for a busy 2-core machine. */
const WITHIN_MS = 30_000;

/** Polls `check` until it holds; fails after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs = WITHIN_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resume) => setTimeout(resume, 50));
  }
}

/** A logger that keeps what it is given, so nothing is printed and the test can read it. */
function bufferedLogger() {
  const lines: { level: string; message: string }[] = [];
  const keep =
    (level: string) =>
    (message: unknown, ..._extra: unknown[]) => {
      lines.push({ level, message: String(message) });
    };
  return { lines, warn: keep('warn'), error: keep('error') };
}

/** What is left in a post's partition, read from the table itself. */
async function partition(endpoint: string, postId: string): Promise<number> {
  const { documents, destroy } = createDocuments({ endpoint, region: 'us-east-1' });
  try {
    const { Items } = await documents.query({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `POST#${postId}` },
      ConsistentRead: true,
    });
    return Items?.length ?? 0;
  } finally {
    destroy();
  }
}

/**
 * APP_DYNAMODB_ENDPOINT at a DynamoDB the stack did not start. moto_server serves the DynamoDB Streams API
 * as DynamoDB Local and LocalStack do, so the stack reads the table's stream through it; moto does not
 * isolate transactions, so nothing here asserts a concurrency invariant.
 */
describe('the local stack on an external DynamoDB with a Streams API (moto_server)', () => {
  let moto: MotoServer;
  const dirs: string[] = [];
  const open: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    moto = await startMotoServer();
  }, 90_000);
  afterEach(async () => {
    for (const running of open.splice(0).reverse()) await running.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await moto?.close();
  });

  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-external-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dir: string, options: Parameters<typeof startTestStack>[3] = {}) => {
    const logger = bufferedLogger();
    const stack = await startTestStack('dynamodb', { APP_DYNAMODB_ENDPOINT: moto.endpoint }, dir, {
      logger,
      ...options,
    });
    open.push(stack);
    return { stack, logger };
  };
  const socketOn = async (stack: TestStack) => {
    const socket: TestSocket = await openSocket(stack.wsUrl);
    open.push(socket);
    return socket;
  };
  const newPost = async (stack: TestStack, token: string) =>
    (await stack.request('POST', '/api/posts', { token, body: { title: 'Hello', body: 'b' } })).body
      .id as string;
  const comment = async (stack: TestStack, token: string, postId: string, body: string) =>
    expect(
      (await stack.request('POST', `/api/posts/${postId}/comments`, { token, body: { body } })).status,
    ).toBe(201);

  it('pushes a new comment to a subscriber, and sweeps a deleted post’s comments', async () => {
    const { stack, logger } = await start(await dataDir());
    expect(stack.warnings).toEqual([]);
    const [alice, bob] = [await stack.token('alice', 'Alice'), await stack.token('bob', 'Bob')];
    const postId = await newPost(stack, alice);
    const reader = await socketOn(stack);
    reader.send({ action: 'subscribe', postId });
    await reader.next('subscribed', WITHIN_MS);

    await comment(stack, bob, postId, 'first!');
    const pushed = await reader.next('comment.created', WITHIN_MS);
    expect(pushed.postId).toBe(postId);
    expect(pushed.comment.body).toBe('first!');

    await comment(stack, bob, postId, 'second');
    expect(await partition(moto.endpoint, postId)).toBeGreaterThan(1);
    expect((await stack.request('DELETE', `/api/posts/${postId}`, { token: alice })).status).toBe(204);
    await eventually(async () => (await partition(moto.endpoint, postId)) === 0);
    expect(logger.lines).toEqual([]);
  }, 120_000);

  it('copies a new display name to the user’s old posts and comments', async () => {
    const { stack, logger } = await start(await dataDir());
    const dana = await stack.token('dana', 'Dana');
    const postId = await newPost(stack, dana);
    await comment(stack, dana, postId, 'mine');
    const renamed = await stack.request('PATCH', '/api/me', {
      token: dana,
      body: { displayName: 'Dana Renamed' },
    });
    expect(renamed.status).toBe(200);

    const names = async () => [
      (await stack.request('GET', `/api/posts/${postId}`)).body.authorName,
      ...(await stack.request('GET', `/api/posts/${postId}/comments`)).body.items.map(
        (item: { authorName: string }) => item.authorName,
      ),
    ];
    await eventually(async () => (await names()).every((name) => name === 'Dana Renamed'));
    expect(await names()).toEqual(['Dana Renamed', 'Dana Renamed']);
    expect(logger.lines).toEqual([]);
  }, 120_000);

  it('delivers after a restart what was written while the stream was not read', async () => {
    const dir = await dataDir();
    // Held for an hour and stopped without draining: nothing the first stack reads is delivered.
    const first = await start(dir, {
      streamOptions: { batchingWindowMs: 60 * 60 * 1000, drainTimeoutMs: 0 },
    });
    const alice = await first.stack.token('alice', 'Alice');
    const postId = await newPost(first.stack, alice);
    await comment(first.stack, alice, postId, 'left behind');
    expect((await first.stack.request('DELETE', `/api/posts/${postId}`, { token: alice })).status).toBe(204);
    const writtenAt = Math.floor(Date.now() / 1000);
    await first.stack.close();
    open.splice(open.indexOf(first.stack), 1);
    expect(await partition(moto.endpoint, postId)).toBeGreaterThan(0);
    // Stream records carry whole seconds: once the second has turned, a reader starting from now (not from
    // where the first stack was) would pass over these records, so only the saved positions deliver them.
    await eventually(async () => Math.floor(Date.now() / 1000) > writtenAt);

    const second = await start(dir);
    await eventually(async () => (await partition(moto.endpoint, postId)) === 0);
    expect(second.logger.lines).toEqual([]);
  }, 120_000);
});

describe('the local stack on an external DynamoDB without streams (a standalone dynalite)', () => {
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    // dynalite's own server, without the stream recorder the embedded one has in front of it.
    server = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 }) as Server;
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => server?.close(done));
  });

  it('starts, answers, and warns that pushes, sweeps and renames will not run, saying what to do', async () => {
    const logger = bufferedLogger();
    const stack = await startTestStack('dynamodb', { APP_DYNAMODB_ENDPOINT: endpoint }, undefined, {
      logger,
    });
    try {
      // dynalite alone has no transactions (the embedded store adds them, as DynamoDB Local has them), so the
      // writes tried here are plain ones: the profile a first signed-in request makes, and a rename.
      const alice = await stack.token('alice', 'Alice');
      expect((await stack.request('GET', '/api/me', { token: alice })).body.displayName).toBe('Alice');
      const renamed = await stack.request('PATCH', '/api/me', { token: alice, body: { displayName: 'Al' } });
      expect(renamed.status).toBe(200);
      expect((await stack.request('GET', '/api/me', { token: alice })).body.displayName).toBe('Al');
      expect((await stack.request('GET', '/api/posts')).status).toBe(200);
      expect(stack.warnings).toHaveLength(1);
      expect(stack.warnings[0]).toMatch(
        /pushes.*sweep.*renames.*NOT.*Unset APP_DYNAMODB_ENDPOINT.*DynamoDB Local/s,
      );
      expect(logger.lines).toEqual([{ level: 'warn', message: stack.warnings[0] }]);
    } finally {
      await stack.close();
    }
  }, 60_000);
});
