import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestartableDynamoDb } from '../../reliability/support/restartable-dynamodb.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { openSocket } from '../support/ws-client.js';

describe('a WebSocket handshake while storage is unreachable', () => {
  let db: RestartableDynamoDb;
  let stack: TestStack;

  beforeAll(async () => {
    db = await RestartableDynamoDb.start();
    stack = await startTestStack(
      'dynamodb',
      { APP_DYNAMODB_ENDPOINT: db.endpoint, APP_DYNAMODB_TABLE: 'blogapp-ws-outage' },
      undefined,
      { streams: db.streams },
    );
  });
  afterAll(async () => {
    await stack.close();
    await db.close();
  });

  it('is refused with 503 and Retry-After, as REST answers, and succeeds once storage is back', async () => {
    const before = await openSocket(stack.wsUrl);
    await before.close();

    await db.stop();
    const refused = await openSocket(stack.wsUrl).then(
      () => undefined,
      (error: { statusCode?: number; headers?: Record<string, string> }) => error,
    );
    expect(refused?.statusCode).toBe(503);
    expect(refused?.headers?.['retry-after']).toBe('2');

    await db.resume();
    const after = await openSocket(stack.wsUrl);
    after.send({ action: 'ping' });
    expect(await after.next('pong')).toEqual({ type: 'pong' });
    await after.close();
  }, 60_000);
});
