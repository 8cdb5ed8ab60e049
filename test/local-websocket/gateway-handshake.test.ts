import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { closed, connect, eventually, refusal, startTestGateway, type TestGateway } from './support.js';

describe('local WebSocket gateway: the handshake waits for $connect', () => {
  let t: TestGateway;
  afterEach(() => t?.gateway.close());

  it('refuses the handshake with 401 when $connect answers 401, and never opens the socket', async () => {
    // Prepare
    t = await startTestGateway();
    // Act
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const ws = new WebSocket(`${t.gateway.url}?token=bad`);
      ws.once('open', () => reject(new Error('opened')));
      ws.once('unexpected-response', (req, res) => {
        resolve(res.statusCode);
        req.destroy();
      });
      ws.once('error', () => undefined);
    });
    // Assess
    expect(status).toBe(401);
    expect(t.route('$connect')).toHaveLength(1);
    expect(t.gateway.connectionCount()).toBe(0);
    // close() waits for every handler still running, so a $disconnect owed to the refused client would show.
    await t.gateway.close();
    expect(t.route('$disconnect')).toHaveLength(0);
  });

  it("passes the refusing handler's body on to the client", async () => {
    t = await startTestGateway();
    expect(await refusal(`${t.gateway.url}?token=bad`)).toEqual({
      status: 401,
      body: JSON.stringify({ message: 'Unauthorized' }),
    });
  });

  it('answers 500 when $connect throws, logs it, and keeps serving', async () => {
    t = await startTestGateway();
    expect(await refusal(`${t.gateway.url}?token=throw`)).toEqual({
      status: 500,
      body: JSON.stringify({ message: 'Internal server error' }),
    });
    expect(t.logs).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringContaining('$connect') }),
    ]);
    const ws = await connect(t.gateway.url);
    expect(t.gateway.connectionCount()).toBe(1);
    ws.close();
  });

  it('answers 504 when $connect outlives the integration timeout', async () => {
    t = await startTestGateway({ integrationTimeoutMs: 50 });
    expect((await refusal(`${t.gateway.url}?token=slow`)).status).toBe(504);
  });

  it('only completes the handshake once $connect has approved it', async () => {
    t = await startTestGateway();
    const started = Date.now();
    const ws = await connect(`${t.gateway.url}?token=slow`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    ws.close();
  });

  it('gives a $disconnect to a connection approved after its client left', async () => {
    t = await startTestGateway();
    const ws = new WebSocket(`${t.gateway.url}?token=slow`);
    ws.once('error', () => undefined);
    await eventually(() => t.route('$connect').length === 1);
    ws.terminate();
    const event = await eventually(() => t.route('$disconnect')[0]);
    expect(event.requestContext.connectionId).toBe(t.route('$connect')[0]?.requestContext.connectionId);
    expect(t.gateway.connectionCount()).toBe(0);
  });

  it('selects a subprotocol only when $connect returns one, as AWS does', async () => {
    t = await startTestGateway();
    const chosen = await connect(`${t.gateway.url}?token=proto`, ['other', 'chat']);
    expect(chosen.protocol).toBe('chat');
    chosen.close();
    // Without one, clients that asked for a subprotocol give up, as they do against AWS.
    await expect(connect(t.gateway.url, ['other', 'chat'])).rejects.toThrow('Server sent no subprotocol');
  });

  it('accepts the stage path as well as the root, and 404s any other path', async () => {
    t = await startTestGateway();
    const staged = await connect(`${t.gateway.url}/local`);
    staged.close();
    expect((await refusal(`${t.gateway.url}/elsewhere`)).status).toBe(404);
  });

  it('refuses connections past maxConnections with 429 without asking the handler', async () => {
    t = await startTestGateway({ maxConnections: 2 });
    const open = [await connect(t.gateway.url), await connect(t.gateway.url)];
    expect((await refusal(t.gateway.url)).status).toBe(429);
    expect(t.route('$connect')).toHaveLength(2);
    open[0]?.close();
    await closed(open[0] as WebSocket);
    await eventually(() => t.gateway.connectionCount() === 1);
    const again = await connect(t.gateway.url);
    again.close();
    open[1]?.close();
  });
});
