import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { openSocket, type TestSocket } from '../support/ws-client.js';

const run = promisify(execFile);

/**
 * The embedded DynamoDB's stream sees every committed write, not only the app's: a comment item written by
 * another client — here the AWS CLI, as an operator would — reaches the post's WebSocket readers through
 * the same stream handler the Lambda runs.
 */
describe('a write from the AWS CLI on the local stack’s DynamoDB endpoint', () => {
  let stack: TestStack;
  let reader: TestSocket;
  let postId: string;

  beforeAll(async () => {
    stack = await startTestStack('dynamodb');
    const alice = await stack.token('alice', 'Alice');
    postId = (await stack.request('POST', '/api/posts', { token: alice, body: { title: 'cli', body: 'b' } }))
      .body.id;
    reader = await openSocket(stack.wsUrl);
    reader.send({ action: 'subscribe', postId });
    await reader.next('subscribed');
  });
  afterAll(async () => {
    await reader?.close();
    await stack?.close();
  });

  it('reaches a WebSocket subscriber as comment.created', async () => {
    const endpoint = stack.dynamodbEndpoint;
    if (!endpoint) throw new Error('the local stack reported no DynamoDB endpoint');
    const comment = {
      id: '01JCLICOMMENT000000000000A',
      postId,
      authorId: 'operator',
      authorName: 'Operator',
      body: 'written with aws dynamodb put-item',
      createdAt: '2026-11-29T12:00:00.000Z',
    };
    const item = Object.fromEntries([
      ['pk', { S: `POST#${postId}` }],
      ['sk', { S: `COMMENT#${comment.id}` }],
      ...Object.entries(comment).map(([name, value]) => [name, { S: value }]),
    ]);
    await run(
      'aws',
      [
        'dynamodb',
        'put-item',
        '--endpoint-url',
        endpoint,
        '--table-name',
        'blogapp-local',
        '--item',
        JSON.stringify(item),
      ],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
        timeout: 60_000,
      },
    ).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new Error('the AWS CLI (`aws`) is not on PATH: install awscli (pip install awscli), then rerun.');
    });

    expect(await reader.next('comment.created', 30_000)).toEqual({
      type: 'comment.created',
      postId,
      comment,
    });
  });
});
