import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { LocalWebSocketHandler } from '../../src/local/websocket/types.js';
import { rawHttp } from '../support/raw-http.js';
import {
  connect,
  eventually,
  managementClient,
  nextMessage,
  refusal,
  signedFetch,
  startTestGateway,
  type TestGateway,
  testHandler,
} from './support.js';

/**
 * What the local gateway refuses, as AWS would or as a laptop needs: management calls not signed with its
 * credentials (403), requests addressed to a name that is not loopback or configured (421, DNS rebinding),
 * and more simultaneous handshakes from one client than it allows (429, never 500).
 */
describe('local WebSocket gateway refusals', () => {
  let t: TestGateway;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await t?.gateway.close();
  });

  const openConnection = async () => {
    const ws = await connect(t.gateway.url);
    sockets.push(ws);
    const id = t.route('$connect').at(-1)?.requestContext.connectionId as string;
    return { ws, url: `${t.gateway.managementEndpoint}/@connections/${encodeURIComponent(id)}` };
  };

  it('refuses @connections calls that are unsigned, badly signed or tampered with, and delivers none of them', async () => {
    // Prepare
    t = await startTestGateway();
    const { ws, url } = await openConnection();
    const received = nextMessage(ws);
    const post = { method: 'POST', body: 'evil' };
    // Act
    const unsigned = await fetch(url, post);
    const wrongSecret = await signedFetch(url, post, {
      credentials: { accessKeyId: 'local', secretAccessKey: 'guessed' },
    });
    const otherKey = await signedFetch(url, post, {
      credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'local' },
    });
    const tampered = await signedFetch(url, { method: 'POST', body: 'fine' }, { tamper: 'evil' });
    const good = await signedFetch(url, { method: 'POST', body: 'signed' });
    // Assess: each refusal is AWS's, and the first frame the client got is the signed push.
    const answers = await Promise.all(
      [unsigned, wrongSecret, otherKey, tampered].map(async (r) => [
        r.status,
        r.headers.get('x-amzn-errortype'),
      ]),
    );
    expect(answers).toEqual([
      [403, 'MissingAuthenticationTokenException'],
      [403, 'InvalidSignatureException'],
      [403, 'UnrecognizedClientException'],
      [403, 'InvalidSignatureException'],
    ]);
    expect(good.status).toBe(200);
    expect(await received).toBe('signed');
  });

  it('refuses a good call’s signature replayed onto another connection right after it, and delivers it only once', async () => {
    // The verifier reuses what consecutive calls share (credential, date, body): the path must still count.
    t = await startTestGateway();
    const first = await openConnection();
    const second = await openConnection();
    const firstReceived = nextMessage(first.ws);
    let secondReceived: string | undefined;
    second.ws.on('message', (data) => {
      secondReceived = String(data);
    });
    const post = { method: 'POST', body: 'for the first only' };
    // Act
    const good = await signedFetch(first.url, post);
    const replayed = await signedFetch(first.url, post, { replayTo: second.url });
    const after = await signedFetch(second.url, { method: 'POST', body: 'signed for the second' });
    // Assess: the frames arrive in order, so the second's first frame shows the replay was not delivered.
    expect([good.status, replayed.status, replayed.headers.get('x-amzn-errortype')]).toEqual([
      200,
      403,
      'InvalidSignatureException',
    ]);
    expect(after.status).toBe(200);
    expect(await firstReceived).toBe('for the first only');
    await eventually(() => secondReceived);
    expect(secondReceived).toBe('signed for the second');
  });

  it('checks every signed header of calls that share all else, and refuses one changed after signing', async () => {
    // The verifier reuses its signer while the credential, date, body and signed headers' values stay the same.
    t = await startTestGateway();
    const { ws, url } = await openConnection();
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(String(data)));
    const post = (trace: string, body = 'same body') => ({
      method: 'POST',
      body,
      headers: { 'x-trace': trace },
    });
    // Act
    const one = await signedFetch(url, post('one'));
    const two = await signedFetch(url, post('two'));
    const tampered = await signedFetch(url, post('two'), { tamperHeaders: { 'x-trace': 'one' } });
    const last = await signedFetch(url, post('one', 'last'));
    // Assess: frames arrive in order, so the last one's arrival shows the tampered call was not delivered.
    expect([one.status, two.status, tampered.status, last.status]).toEqual([200, 200, 403, 200]);
    expect(tampered.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    await eventually(() => frames.includes('last'));
    expect(frames).toEqual(['same body', 'same body', 'last']);
  });

  it('refuses the real SDK client when it signs with other credentials', async () => {
    t = await startTestGateway();
    const { ws } = await openConnection();
    const id = t.route('$connect').at(-1)?.requestContext.connectionId as string;
    const stranger = managementClient(t.gateway.managementEndpoint, {
      accessKeyId: 'local',
      secretAccessKey: 'not-the-gateways',
    });
    const received = nextMessage(ws);
    try {
      await expect(
        stranger.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'evil' })),
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    } finally {
      stranger.destroy();
    }
    const owner = managementClient(t.gateway.managementEndpoint);
    try {
      await owner.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'from the owner' }));
    } finally {
      owner.destroy();
    }
    expect(await received).toBe('from the owner');
  });

  it('answers only loopback and configured Host names: 421 for others, at the handshake and on @connections', async () => {
    // Prepare
    t = await startTestGateway({ allowedHosts: ['blog.test'] });
    const { url } = await openConnection();
    // Act
    const rebound = await refusal(t.gateway.url, undefined, {
      headers: { Host: `attacker.example:${t.gateway.port}` },
    });
    const configured = await connect(t.gateway.url, undefined, {
      headers: { Host: `blog.test:${t.gateway.port}` },
    });
    sockets.push(configured);
    const named = await connect(t.gateway.url, undefined, {
      headers: { Host: `localhost:${t.gateway.port}` },
    });
    sockets.push(named);
    const management = await rawRequest(url, { host: 'attacker.example' });
    // Assess: refused before $connect ran, in the contract's error shape.
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'misdirected_request' } });
    expect(management.status).toBe(421);
    expect(t.route('$connect')).toHaveLength(3);
  });

  it('refuses handshakes from one client past its bound with 429, never 500, and admits it again once they finish', async () => {
    // Prepare: $connect waits until the test lets it go, so the handshakes in flight are known exactly.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated = (events: Parameters<typeof testHandler>[0]): LocalWebSocketHandler => {
      const inner = testHandler(events);
      return async (event) => {
        if (event.requestContext.routeKey === '$connect') await held;
        return inner(event);
      };
    };
    t = await startTestGateway({ maxHandshakesPerClient: 4 }, gated);
    // Act: twenty at once. Those past the bound are answered while the others still wait on $connect.
    const settled: number[] = [];
    let sixteenSettled: () => void = () => {};
    const refusalsIn = new Promise<void>((resolve) => {
      sixteenSettled = resolve;
    });
    const attempts = Array.from({ length: 20 }, () =>
      connect(t.gateway.url)
        .then(
          (ws) => {
            sockets.push(ws);
            return 101;
          },
          (error: Error) => Number(/refused: (\d+)/.exec(error.message)?.[1] ?? 0),
        )
        .then((status) => {
          settled.push(status);
          if (settled.length === 16) sixteenSettled();
          return status;
        }),
    );
    await refusalsIn;
    const refused = [...settled];
    release();
    const all = await Promise.all(attempts);
    // Assess
    expect(refused).toEqual(Array(16).fill(429));
    expect(all.filter((status) => status === 101)).toHaveLength(4);
    expect(t.route('$connect')).toHaveLength(4);
    const again = await connect(t.gateway.url);
    sockets.push(again);
  });
});

/** A plain HTTP request with a chosen Host header (fetch will not send one of its own choosing). */
const rawRequest = (url: string, headers: Record<string, string>) =>
  rawHttp(url, { method: 'POST', headers, body: 'x' });
