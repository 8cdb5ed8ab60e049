import { afterEach, describe, expect, it } from 'vitest';
import type { LocalWebSocketEvent, LocalWebSocketHandler } from '../../src/local/websocket/types.js';
import { connect, startTestGateway, type TestGateway } from './support.js';

describe('local WebSocket gateway: handler invocations', () => {
  let t: TestGateway | undefined;
  afterEach(() => t?.gateway.close());

  it('runs at most maxConcurrentInvocations handlers at once, and every one of them in the end', async () => {
    // Prepare: a handler that holds each invocation until as many run as the limit allows (or every
    // handshake has arrived), so the peak is reached however slowly the machine delivers the handshakes.
    const limit = 3;
    const handshakes = 10;
    let running = 0;
    let peak = 0;
    const held: (() => void)[] = [];
    const releaseWhenFull = (events: LocalWebSocketEvent[]) => {
      const connects = events.filter((e) => e.requestContext.routeKey === '$connect').length;
      while (held.length > 0 && (running >= limit || connects === handshakes)) held.shift()?.();
    };
    const holding =
      (events: LocalWebSocketEvent[]): LocalWebSocketHandler =>
      async (event) => {
        events.push(event);
        running++;
        peak = Math.max(peak, running);
        const released = new Promise<void>((resume) => held.push(resume));
        releaseWhenFull(events);
        await released;
        running--;
        return { statusCode: 200 };
      };
    t = await startTestGateway({ maxConcurrentInvocations: limit }, holding);
    // Act
    const sockets = await Promise.all(
      Array.from({ length: handshakes }, () => connect(t?.gateway.url ?? '')),
    );
    for (const socket of sockets) socket.close();
    await t.gateway.close();
    // Assess
    expect(peak).toBe(limit);
    expect(t.route('$connect')).toHaveLength(handshakes);
    expect(t.route('$disconnect')).toHaveLength(handshakes);
  });
});
