import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForHealthy } from '../../src/deploy/health-check.js';

describe('post-deploy health check', () => {
  // Answers 503 unhealthy until `healthyAfter` requests have been made, like a stage that is still warming up.
  let healthyAfter = 0;
  let requests = 0;
  const server = createServer((_request, response) => {
    requests += 1;
    const healthy = requests > healthyAfter;
    response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: healthy ? 'healthy' : 'unhealthy', environment: 'staging' }));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('retries until the API answers 200 healthy', async () => {
    requests = 0;
    healthyAfter = 2;
    const retries: number[] = [];
    const result = await waitForHealthy(url, { attempts: 4, delayMs: 10 }, (_problem, attempt) =>
      retries.push(attempt),
    );
    expect(result).toEqual({ healthy: true, body: { status: 'healthy', environment: 'staging' } });
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the last attempt with what the API answered', async () => {
    requests = 0;
    healthyAfter = 10;
    const result = await waitForHealthy(url, { attempts: 3, delayMs: 10 }, () => {});
    expect(result).toEqual({ healthy: false, problem: expect.stringContaining('answered 503') });
    expect(requests).toBe(3);
  });
});
