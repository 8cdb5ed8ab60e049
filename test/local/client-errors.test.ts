import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** Sends bytes no HTTP client library would, and reads the whole answer (the server closes after it). */
function raw(apiUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const parse = (answer: string) => {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body: JSON.parse(body) };
};

/** What Node's parser refuses before any route runs still gets the contract's error shape and an id. */
describe('local stack, requests that are not HTTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('memory');
  });
  afterAll(() => stack?.close());

  it('answers an unknown method and a header value with a control character with 400 bad_request', async () => {
    for (const request of [
      'FOO /api/posts HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      'GET /api/posts HTTP/1.1\r\nHost: 127.0.0.1\r\nx-odd: a\u0001b\r\n\r\n',
    ]) {
      const answer = parse(await raw(stack.apiUrl, request));
      expect(answer.status, request).toBe(400);
      expect(answer.head).toMatch(/\r\nx-request-id: [0-9a-f-]{36}/);
      expect(answer.body).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
    }
  });

  it('answers headers over 16 KiB with 431 in the error shape', async () => {
    const request = `GET /api/posts HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'a'.repeat(17 * 1024)}\r\n\r\n`;
    const answer = parse(await raw(stack.apiUrl, request));
    expect(answer.status).toBe(431);
    expect(answer.body).toMatchObject({ error: { code: 'headers_too_large' } });
  });

  it('keeps serving afterwards', async () => {
    expect((await stack.request('GET', '/api/health')).status).toBe(200);
  });
});
