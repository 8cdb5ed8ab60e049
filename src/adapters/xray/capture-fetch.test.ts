import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rsaKey, serveJwks, sign } from '../../../test/auth/jwks-server.js';
import {
  type Received,
  SAMPLED,
  startXRayDaemon,
  type XRayDaemon,
} from '../../../test/support/xray-daemon.js';
import { createCognitoVerifier } from '../auth/cognito-verifier.js';

const LINEAGE = 'Lineage=a87bd80c:0';

describe('captureFetch', () => {
  let daemon: XRayDaemon;
  let server: Server;
  let base: string;
  const traceHeaders: (string | undefined)[] = [];
  beforeAll(async () => {
    daemon = await startXRayDaemon();
    server = createServer((req, res) => {
      traceHeaders.push(req.headers['x-amzn-trace-id'] as string | undefined);
      const status = Number(new URL(req.url ?? '/', 'http://x').pathname.slice(1)) || 200;
      res.writeHead(status, { 'content-type': 'text/plain', 'content-length': '5' }).end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await daemon?.close();
  });

  /** Runs `work` in one traced invocation; what was sent, the invocation's own subsegment last. */
  const traced = async (count: number, work: (fetch: typeof globalThis.fetch) => Promise<unknown>) => {
    const tracer = daemon.tracer(`${SAMPLED};${LINEAGE}`);
    const from = daemon.documents.length;
    await tracer.invocation('## blogapp-api', () => work(tracer.captureFetch(globalThis.fetch)));
    const sent = (await daemon.received(from + count)).slice(from);
    tracer.close();
    return sent;
  };

  it('records a request as Powertools did: the host, the URL without its query, the answer, the trace header', async () => {
    const [request, invocation] = await traced(2, async (fetch) => {
      const response = await fetch(`${base}/200?token=secret`);
      expect(await response.text()).toBe('hello');
    });
    expect(request).toMatchObject({
      name: '127.0.0.1',
      namespace: 'remote',
      parent_id: invocation?.id,
      http: {
        request: { url: `${base.replace(/:\d+$/, '')}/200`, method: 'GET' },
        response: { status: 200, content_length: 5 },
      },
    });
    expect(JSON.stringify(request)).not.toContain('secret');
    expect(traceHeaders.at(-1)).toBe(`Root=${request?.trace_id};Parent=${request?.id};Sampled=1;${LINEAGE}`);
  });

  it('flags answers as X-Ray does: 429 throttled, 4xx an error, 5xx a fault', async () => {
    const sent = await traced(4, async (fetch) => {
      for (const status of [429, 404, 503]) await fetch(`${base}/${status}`).then((r) => r.text());
    });
    const flags = (document: Received | undefined) => [document?.throttle, document?.error, document?.fault];
    expect(sent.slice(0, 3).map(flags)).toEqual([
      [true, true, undefined],
      [undefined, true, undefined],
      [undefined, undefined, true],
    ]);
  });

  it('records a request that got no answer as a remote error, and lets the error out', async () => {
    const refused = `http://127.0.0.1:1/nothing-listens-here`;
    const [request] = await traced(2, async (fetch) => {
      await expect(fetch(refused)).rejects.toThrow();
    });
    expect(request).toMatchObject({
      name: '127.0.0.1',
      error: true,
      fault: true,
      cause: { exceptions: [expect.objectContaining({ remote: true })] },
    });
  });

  it('traces the key-set fetch a Cognito verifier makes on its first token', async () => {
    const key = await rsaKey('k1');
    const jwks = await serveJwks([key]);
    try {
      const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
      const [request] = await traced(2, async (fetch) => {
        const verifier = createCognitoVerifier({
          region: 'eu-west-1',
          userPoolId: 'eu-west-1_AbC123',
          clientId: 'client',
          jwksUrl: jwks.url,
          issuer,
          fetch,
        });
        const now = Math.floor(Date.now() / 1000);
        const token = await sign(key, {
          iss: issuer,
          aud: 'client',
          sub: 'u1',
          token_use: 'id',
          'cognito:username': 'u1',
          iat: now,
          exp: now + 600,
        });
        await expect(verifier.verify(token)).resolves.toMatchObject({ userId: 'u1' });
      });
      expect(request).toMatchObject({
        name: '127.0.0.1',
        namespace: 'remote',
        http: { request: { url: jwks.url.replace(/:\d+\//, '/'), method: 'GET' }, response: { status: 200 } },
      });
    } finally {
      await jwks.close();
    }
  });
});
