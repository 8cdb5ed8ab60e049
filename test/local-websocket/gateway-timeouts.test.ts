import { afterEach, describe, expect, it } from 'vitest';
import {
  closed,
  connect,
  eventually,
  nextMessage,
  sleep,
  startTestGateway,
  type TestGateway,
} from './support.js';

describe('local WebSocket gateway: AWS time limits and shutdown', () => {
  let t: TestGateway;
  afterEach(() => t?.gateway.close());

  it('closes an idle connection with 1001 and fires $disconnect exactly once', async () => {
    // Prepare
    t = await startTestGateway({ idleTimeoutMs: 300 });
    // Taken before the handshake: the gateway's idle clock starts when it accepts the connection, which a
    // busy machine can report to the client well after, so a clock started on 'open' could see it early.
    const started = Date.now();
    const ws = await connect(t.gateway.url);
    // Act
    const status = await closed(ws);
    // Assess
    expect(status).toEqual({ code: 1001, reason: 'Going away' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await eventually(() => t.route('$disconnect').length === 1);
    // close() waits for every handler still running, so a second $disconnect would be counted by now.
    await t.gateway.close();
    expect(t.route('$disconnect')).toHaveLength(1);
    expect(t.route('$disconnect')[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1001 });
    expect(t.gateway.connectionCount()).toBe(0);
  });

  it('counts any client frame, pings included, as activity', async () => {
    // Activity every quarter of the idle timeout for 1.5 timeouts in all: a busy machine would have to stall
    // a timer fourfold to close it early.
    t = await startTestGateway({ idleTimeoutMs: 1_000 });
    const ws = await connect(t.gateway.url);
    for (let i = 0; i < 6; i++) {
      await sleep(250);
      if (i % 2 === 0) ws.ping();
      else {
        ws.send(`keep-alive ${i}`);
        await nextMessage(ws);
      }
    }
    expect(ws.readyState).toBe(ws.OPEN);
    expect((await closed(ws)).code).toBe(1001);
  });

  it('closes a connection at maxConnectionMs even while it is active', async () => {
    t = await startTestGateway({ maxConnectionMs: 400 });
    const ws = await connect(t.gateway.url);
    const timer = setInterval(() => ws.send('busy'), 50);
    try {
      expect(await closed(ws)).toEqual({ code: 1001, reason: 'Going away' });
    } finally {
      clearInterval(timer);
    }
    await eventually(() => t.route('$disconnect').length === 1);
  });

  it('closes every connection on close(), each with its $disconnect', async () => {
    t = await startTestGateway();
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(t.gateway.url)));
    const statuses = Promise.all(clients.map(closed));
    await t.gateway.close();
    expect(t.route('$disconnect')).toHaveLength(5);
    expect((await statuses).map((s) => s.code)).toEqual([1001, 1001, 1001, 1001, 1001]);
    expect(t.gateway.connectionCount()).toBe(0);
  });

  it('drops a client that ignores the close frame after the grace period', async () => {
    t = await startTestGateway({ idleTimeoutMs: 100, closeGraceMs: 100 });
    const ws = await connect(t.gateway.url);
    // A client whose socket stops reading never answers the close frame.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await eventually(() => t.route('$disconnect').length === 1, 2_000);
    expect(t.route('$disconnect')[0]?.requestContext.disconnectStatusCode).toBe(1001);
    ws.terminate();
  });
});
