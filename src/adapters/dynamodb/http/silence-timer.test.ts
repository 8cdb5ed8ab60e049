import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silenceTimer } from './silence-timer.js';

/** A connected pair of loopback sockets: what the server writes, the client reads. */
async function socketPair(): Promise<{ server: Socket; client: Socket; close(): void }> {
  const listener = createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address() as { port: number };
  const accepted = once(listener, 'connection');
  const client = connect(port, '127.0.0.1');
  const [server] = (await accepted) as [Socket];
  await once(client, 'connect');
  return {
    server,
    client,
    close: () => {
      client.destroy();
      server.destroy();
      listener.close();
    },
  };
}

/** Holds the event loop for `ms`, as a long GC pause or a starved process does. */
function holdTheLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: no timer, no I/O can run meanwhile
  }
}

describe('silenceTimer', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('counts bytes sent in time though the loop was held past the limit, and stays quiet', async () => {
    const pair = await socketPair();
    close = pair.close;
    const verdicts: string[] = [];
    const timer = silenceTimer(50, () => verdicts.push('silent'));
    pair.client.on('data', () => {
      verdicts.push('heard');
      timer.heard();
    });
    // The byte is due well inside the limit; the loop is then held far past it, so both timers are late.
    setTimeout(() => pair.server.write('x'), 10);
    holdTheLoop(200);
    await once(pair.client, 'data');
    // The verdict runs in the loop's check phase: one more turn after the byte was read settles it.
    await new Promise((resolve) => setImmediate(resolve));
    timer.stop();
    expect(verdicts).toEqual(['heard']);
  });

  it('calls a silence a silence, once, and no more after stop', async () => {
    let silences = 0;
    const silent = new Promise<void>((resolve) => {
      silenceTimer(20, () => {
        silences++;
        resolve();
      });
    });
    await silent;
    expect(silences).toBe(1);
    const stopped = silenceTimer(20, () => silences++);
    stopped.stop();
    // A later, longer timer's verdict comes after the stopped one's would have.
    await new Promise<void>((resolve) => silenceTimer(60, resolve));
    expect(silences).toBe(1);
  });
});
