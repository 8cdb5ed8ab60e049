import WebSocket from 'ws';

/**
 * Many `ws` clients that note when each next receives a message, so a trial can wait for the last of the
 * first `count` and know when it arrived. Each client does the same small work per message on every
 * server measured, so the client side costs the gateway and the floor alike.
 */
export interface ClientPool {
  clients: WebSocket[];
  /** From `start()` until each of the first `count` clients has received one message. */
  trial(count: number, start: () => Promise<void> | void, timeoutMs?: number): Promise<Trial>;
  close(): Promise<void>;
}

export interface Trial {
  /** Wall-clock ms. */
  ms: number;
  /**
   * CPU ms the whole process (every thread, user and system) spent meanwhile: the server, the pushes and the
   * clients are all in it, so this is the work done, which waits on a busy machine do not inflate.
   */
  cpuMs: number;
}

export async function openClients(url: string, count: number, batch = 100): Promise<ClientPool> {
  const clients: WebSocket[] = [];
  let armed:
    | { count: number; seen: Set<number>; last: number; cpu: NodeJS.CpuUsage; done: () => void }
    | undefined;
  const open = (index: number) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.on('message', () => {
        if (!armed || index >= armed.count || armed.seen.has(index)) return;
        armed.seen.add(index);
        armed.last = performance.now();
        if (armed.seen.size === armed.count) {
          armed.cpu = process.cpuUsage(armed.cpu);
          armed.done();
        }
      });
      ws.once('open', () => resolve(ws));
      // Before the handshake an error fails the open; after it, a reset shows as a client that never receives.
      ws.on('error', reject);
    });
  for (let from = 0; from < count; from += batch) {
    const size = Math.min(batch, count - from);
    clients.push(...(await Promise.all(Array.from({ length: size }, (_, i) => open(from + i)))));
  }
  return {
    clients,
    trial: async (expected, start, timeoutMs = 60_000) => {
      let timer: NodeJS.Timeout | undefined;
      const finished = new Promise<void>((resolve, reject) => {
        armed = { count: expected, seen: new Set(), last: 0, cpu: process.cpuUsage(), done: resolve };
        timer = setTimeout(
          () =>
            reject(
              new Error(`only ${armed?.seen.size} of ${expected} clients received within ${timeoutMs} ms`),
            ),
          timeoutMs,
        );
      });
      const began = performance.now();
      try {
        await start();
        await finished;
        const { last, cpu } = armed as NonNullable<typeof armed>;
        return { ms: last - began, cpuMs: (cpu.user + cpu.system) / 1000 };
      } finally {
        clearTimeout(timer);
        armed = undefined;
      }
    },
    close: async () => {
      await Promise.all(
        clients.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.terminate();
            }),
        ),
      );
    },
  };
}
