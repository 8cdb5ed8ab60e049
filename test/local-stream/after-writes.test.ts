import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocuments } from '../../src/composition/create-documents.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** The contract's bound for the work after a write on the local stack (10 s in AWS). */
const LOCAL_BOUND_MS = 2_000;

/** Polls `check` until it holds; the deadline only catches a hang, the caller asserts the time it took. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resume) => setTimeout(resume, 25));
  }
  return Date.now() - started;
}

describe.each(['dynamodb', 'memory'] as const)('work after writes on the local stack (%s)', (provider) => {
  let stack: TestStack;
  let alice: string;
  let bob: string;
  let carol: string;

  beforeAll(async () => {
    stack = await startTestStack(provider);
    [alice, bob, carol] = await Promise.all([
      stack.token('alice', 'Alice'),
      stack.token('bob', 'Bob'),
      stack.token('carol', 'Carol'),
    ]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('closes a deleted post at once, sweeps its remains within the contract’s bound, and keeps counts exact', async () => {
    const create = async (title: string) =>
      (await stack.request('POST', '/api/posts', { token: alice, body: { title, body: 'b' } })).body
        .id as string;
    const [doomed, kept] = [await create('doomed'), await create('kept')];
    for (const [token, postId] of [
      [bob, doomed],
      [carol, doomed],
      [bob, doomed],
      [carol, kept],
    ] as const) {
      expect(
        (await stack.request('POST', `/api/posts/${postId}/comments`, { token, body: { body: 'hi' } }))
          .status,
      ).toBe(201);
    }
    for (const token of [bob, carol]) {
      for (const postId of [doomed, kept]) {
        expect((await stack.request('PUT', `/api/posts/${postId}/favorite`, { token })).status).toBe(204);
      }
    }

    expect((await stack.request('DELETE', `/api/posts/${doomed}`, { token: alice })).status).toBe(204);
    const answered = Date.now();

    expect((await stack.request('GET', `/api/posts/${doomed}`)).status).toBe(404);
    expect((await stack.request('GET', `/api/posts/${doomed}/comments`)).status).toBe(404);
    const lateComment = await stack.request('POST', `/api/posts/${doomed}/comments`, {
      token: bob,
      body: { body: 'too late' },
    });
    expect(lateComment.status).toBe(404);
    expect((await stack.request('PUT', `/api/posts/${doomed}/favorite`, { token: carol })).status).toBe(404);

    if (provider === 'dynamodb') {
      // What is left in the deleted post's partition, read from the table itself.
      const endpoint = stack.dynamodbEndpoint ?? '';
      const { documents, destroy } = createDocuments({ endpoint, region: 'us-east-1' });
      const remains = async () =>
        (
          await documents.query({
            TableName: 'blogapp-local',
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `POST#${doomed}` },
            ConsistentRead: true,
          })
        ).Items?.length ?? -1;
      await eventually(async () => (await remains()) === 0);
      // The contract's promise, so timing is the point here.
      expect(Date.now() - answered).toBeLessThan(LOCAL_BOUND_MS);
      destroy();
    }

    const keptPost = (await stack.request('GET', `/api/posts/${kept}`)).body;
    expect(keptPost).toMatchObject({ commentCount: 1, favoriteCount: 2 });
    for (const token of [bob, carol]) {
      const favorites = (await stack.request('GET', '/api/me/favorites', { token })).body;
      expect(favorites.items.map((post: { id: string }) => post.id)).toEqual([kept]);
    }
  });

  it('copies a new display name to the user’s old posts and comments within the contract’s bound', async () => {
    const dana = await stack.token('dana', 'Dana');
    const posts: string[] = [];
    for (let i = 0; i < 3; i++) {
      posts.push(
        (await stack.request('POST', '/api/posts', { token: dana, body: { title: `p${i}`, body: 'b' } })).body
          .id,
      );
    }
    const other = (
      await stack.request('POST', '/api/posts', { token: alice, body: { title: 'x', body: 'b' } })
    ).body.id;
    for (const postId of [other, ...posts]) {
      await stack.request('POST', `/api/posts/${postId}/comments`, { token: dana, body: { body: 'mine' } });
    }

    const renamed = await stack.request('PATCH', '/api/me', {
      token: dana,
      body: { displayName: 'Dana Renamed' },
    });
    expect(renamed.status).toBe(200);
    const answered = Date.now();

    const names = async () => {
      const found: string[] = [];
      for (const postId of posts)
        found.push((await stack.request('GET', `/api/posts/${postId}`)).body.authorName);
      for (const postId of [other, ...posts]) {
        const { items } = (await stack.request('GET', `/api/posts/${postId}/comments`)).body;
        found.push(...items.map((comment: { authorName: string }) => comment.authorName));
      }
      return found;
    };
    await eventually(async () => (await names()).every((name) => name === 'Dana Renamed'));
    // The contract's promise, so timing is the point here.
    expect(Date.now() - answered).toBeLessThan(LOCAL_BOUND_MS);
    expect(await names()).toHaveLength(7);
    expect((await stack.request('GET', `/api/posts/${other}`)).body.authorName).toBe('Alice');
  });
});
