import type { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestartableDynamoDb } from '../../reliability/support/restartable-dynamodb.js';
import { DynamoDbConnectionStore } from '../../src/adapters/dynamodb/index.js';
import { createDocuments } from '../../src/composition/create-documents.js';
import { RealtimeService } from '../../src/domain/realtime/realtime.service.js';
import { createWebSocketHandler } from '../../src/websocket/websocket-handler.js';
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

  it('is answered by $connect itself with 503, Retry-After and a body in the error shape, and logged', async () => {
    // The handler as API Gateway invokes it, on storage that refuses connections.
    const { documents, destroy } = createDocuments({ endpoint: db.endpoint, region: 'us-east-1' });
    const warnings: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
    const handler = createWebSocketHandler({
      realtime: new RealtimeService({
        connections: new DynamoDbConnectionStore({ documents, tableName: 'blogapp-ws-outage-connections' }),
        gateway: { send: async () => 'delivered', disconnect: async () => {} },
        posts: { find: async () => null },
        clock: { now: () => new Date() },
      }),
      verifier: { verify: async () => ({ userId: 'alice' }) as never },
      logger,
    });
    await db.stop();
    try {
      const result = await handler({ requestContext: { routeKey: '$connect', connectionId: 'c-outage' } });
      expect(result.statusCode).toBe(503);
      expect(result.headers).toMatchObject({ 'Retry-After': '2' });
      expect(JSON.parse(result.body ?? '')).toEqual({
        error: { code: 'unavailable', message: expect.any(String) },
      });
      expect(warnings).toEqual([
        [
          expect.stringContaining('storage unavailable'),
          expect.objectContaining({ connectionId: 'c-outage' }),
        ],
      ]);
    } finally {
      destroy();
      await db.resume();
    }
  });
});
