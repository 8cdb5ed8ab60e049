import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManagementClient, ManagementApiPushGateway } from '../../src/adapters/apigateway/index.js';
import { PushThrottledError } from '../../src/domain/realtime/push.gateway.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Answers as API Gateway does: an error type header and a JSON message. */
function fail(res: ServerResponse, status: number, type: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-ErrorType': type });
  res.end(JSON.stringify({ message: `${type} from the fake` }));
}

/**
 * The smallest management API: connection ids say how to answer (`gone-*` 410, `busy-*` 429, `denied-*` 403,
 * `silent-*` never), everything else succeeds. It records what the client sent.
 */
async function fakeManagementApi() {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    const id = decodeURIComponent((req.url ?? '').split('/@connections/')[1] ?? '');
    if (id.startsWith('silent-')) return;
    // As a server closing an idle kept-alive socket just as a request is written to it: the first request for
    // a `reset-*` id finds its connection reset.
    if (id.startsWith('reset-') && received.filter((r) => r.url === req.url).length === 1)
      return req.socket.resetAndDestroy();
    if (id.startsWith('gone-')) return fail(res, 410, 'GoneException');
    if (id.startsWith('busy-')) return fail(res, 429, 'LimitExceededException');
    if (id.startsWith('denied-')) return fail(res, 403, 'ForbiddenException');
    res.writeHead(req.method === 'DELETE' ? 204 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/local`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('management API push gateway', () => {
  let api: Awaited<ReturnType<typeof fakeManagementApi>>;
  let client: ReturnType<typeof createManagementClient>;
  let gateway: ManagementApiPushGateway;
  beforeAll(async () => {
    api = await fakeManagementApi();
    client = createManagementClient({ endpoint: api.endpoint, region: 'us-east-1' });
    gateway = new ManagementApiPushGateway({ client });
  });
  afterAll(async () => {
    client?.destroy();
    await api?.close();
  });
  const lastRequest = () => api.received.at(-1) as Received;

  it('delivers the frame’s exact UTF-8 bytes to the connection under the endpoint’s stage', async () => {
    const frame = JSON.stringify({ type: 'broadcast', message: 'héllo ✓ 👋' });

    const outcome = await gateway.send('L0SM9cOFvHcCIhw=', frame);

    expect(outcome).toBe('delivered');
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/local/@connections/L0SM9cOFvHcCIhw%3D');
    expect(request.body.equals(Buffer.from(frame, 'utf8'))).toBe(true);
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/execute-api\//,
    );
  });

  it('reports a connection that is gone (410) as gone', async () => {
    expect(await gateway.send('gone-1', 'x')).toBe('gone');
  });

  it('throws PushThrottledError, with the API’s error as cause, when the API throttles (429)', async () => {
    const sending = gateway.send('busy-1', 'x');

    await expect(sending).rejects.toThrowError(PushThrottledError);
    await expect(sending).rejects.toMatchObject({ cause: { name: 'LimitExceededException' } });
    expect(api.received.filter((request) => request.url.endsWith('/busy-1'))).toHaveLength(1);
  });

  it('rethrows any other failure', async () => {
    await expect(gateway.send('denied-1', 'x')).rejects.toMatchObject({ name: 'ForbiddenException' });
  });

  it('disconnects with a DELETE, and treats an already-gone connection as disconnected', async () => {
    await expect(gateway.disconnect('abc')).resolves.toBeUndefined();
    expect(lastRequest()).toMatchObject({ method: 'DELETE', url: '/local/@connections/abc' });

    await expect(gateway.disconnect('gone-2')).resolves.toBeUndefined();
    await expect(gateway.disconnect('busy-2')).rejects.toMatchObject({ name: 'LimitExceededException' });
  });

  it('ignores a trailing slash on the endpoint', async () => {
    const slashed = createManagementClient({ endpoint: `${api.endpoint}/`, region: 'us-east-1' });

    await new ManagementApiPushGateway({ client: slashed }).send('abc', 'x');

    expect(lastRequest().url).toBe('/local/@connections/abc');
    slashed.destroy();
  });

  it('sends a push once more when the kept-alive socket it went out on had been closed by the server', async () => {
    await gateway.send('warm-1', 'x');

    await expect(gateway.send('reset-1', 'x')).resolves.toBe('delivered');

    expect(api.received.filter((request) => request.url.endsWith('/reset-1'))).toHaveLength(2);
  });

  it("signs with the environment's keys, as Lambda gives them, without asking the SDK's chain", async () => {
    const fromEnvironment = createManagementClient({
      endpoint: api.endpoint,
      region: 'us-east-1',
      environment: {
        AWS_ACCESS_KEY_ID: 'ASIAFROMENVIRONMENT',
        AWS_SECRET_ACCESS_KEY: 'environment-secret',
        AWS_SESSION_TOKEN: 'environment-token',
      },
    });

    await new ManagementApiPushGateway({ client: fromEnvironment }).send('env-1', 'x');

    const { headers } = lastRequest();
    expect(headers.authorization).toContain('Credential=ASIAFROMENVIRONMENT/');
    expect(headers['x-amz-security-token']).toBe('environment-token');
    fromEnvironment.destroy();
  });

  it('does not send again a push whose fresh connection failed: the server may have seen it', async () => {
    const fresh = createManagementClient({ endpoint: api.endpoint, region: 'us-east-1' });

    await expect(new ManagementApiPushGateway({ client: fresh }).send('reset-2', 'x')).rejects.toMatchObject({
      code: 'ECONNRESET',
    });

    expect(api.received.filter((request) => request.url.endsWith('/reset-2'))).toHaveLength(1);
    fresh.destroy();
  });

  it('gives up on an API that never answers within its request timeout, without retrying', async () => {
    const started = Date.now();

    await expect(gateway.send('silent-1', 'x')).rejects.toMatchObject({ name: 'TimeoutError' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(api.received.filter((request) => request.url.endsWith('/silent-1'))).toHaveLength(1);
  });
});
