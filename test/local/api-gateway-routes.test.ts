import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/**
 * The local stack routes as the HTTP API does (src/local/api-gateway-routes.ts, held to the template by
 * test/infrastructure/apis.test.ts): POST /broadcast/comments to the broadcast function's app, every other
 * request to the API function's, which answers what it does not serve in the contract's shape. Routing does
 * not touch storage, so one provider is enough.
 */
describe('local stack, routes as API Gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('memory');
  });
  afterAll(() => stack?.close());

  const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

  it('sends other methods and paths under /broadcast/ to the API function, which has no such route (404)', async () => {
    // The broadcast function would refuse these without its key (401): a 404 is the API function's answer.
    for (const [method, path] of [
      ['GET', '/broadcast/comments'],
      ['PUT', '/broadcast/comments'],
      ['DELETE', '/broadcast/comments'],
      ['POST', '/broadcast/other'],
      ['POST', '/broadcast/comments/'],
    ] as const) {
      const response = await stack.request(method, path, method === 'GET' ? {} : { body: { message: 'hi' } });
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status: 404,
      });
      expect(response.body).toEqual(errorShape('not_found'));
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('answers paths and methods no route of the app serves in the contract’s shape, with an x-request-id', async () => {
    for (const [method, path, status, code] of [
      ['GET', '/nope', 404, 'not_found'],
      ['GET', '/api', 404, 'not_found'],
      ['POST', '/health', 405, 'method_not_allowed'],
      ['DELETE', '/openapi.json', 405, 'method_not_allowed'],
    ] as const) {
      const response = await stack.request(method, path);
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({
        route: `${method} ${path}`,
        status,
      });
      expect(response.body).toEqual(errorShape(code));
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
    const head = await stack.request('HEAD', '/health');
    expect(head.status).toBe(200);
    expect(head.headers.get('x-request-id')).toBeTruthy();
  });

  it('sends POST /broadcast/comments to the broadcast function', async () => {
    const sent = await stack.request('POST', '/broadcast/comments', {
      body: { message: 'hello' },
      headers: { 'x-broadcast-key': stack.broadcastKey },
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ delivered: 0, stale: 0, failed: 0 });
  });
});
