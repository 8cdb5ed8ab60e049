import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../support/dynalite.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('when DynamoDB is unreachable', () => {
  let db: TestDynamoDb;
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    db = await startDynalite('blogapp-outage');
    stack = await startTestStack('dynamodb', {
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: db.tableName,
    });
    token = await stack.token('alice');
    await stack.request('GET', '/api/me', { token });
    await db.close();
  });
  afterAll(() => stack.close());

  it('reports unhealthy with 503 and Retry-After', async () => {
    const response = await stack.request('GET', '/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unreachable' } });
  });

  it('fails requests fast with 503 unavailable, in the error shape', async () => {
    const started = Date.now();
    const read = await stack.request('GET', '/api/posts');
    const write = await stack.request('POST', '/api/posts', { token, body: { title: 't', body: 'b' } });
    for (const response of [read, write]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
