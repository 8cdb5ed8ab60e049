import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../support/dynalite.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('when DynamoDB is unreachable', () => {
  let db: TestDynamoDb;
  let api: TestApp;
  let token: string;

  beforeAll(async () => {
    db = await startDynalite('blogapp-outage');
    api = await startTestApp('dynamodb', {
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: db.tableName,
    });
    token = await api.token('alice');
    await api.request('GET', '/api/me', { token });
    await db.close();
  });
  afterAll(() => api.close());

  it('reports unhealthy with 503 and Retry-After', async () => {
    const response = await api.request('GET', '/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body).toMatchObject({ status: 'unhealthy', checks: { database: 'unreachable' } });
  });

  it('fails requests fast with 503 unavailable, in the error shape', async () => {
    const started = Date.now();
    const read = await api.request('GET', '/api/posts');
    const write = await api.request('POST', '/api/posts', { token, body: { title: 't', body: 'b' } });
    for (const response of [read, write]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
