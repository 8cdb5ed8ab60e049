import WebSocket from 'ws';

/** A real `ws` client that queues what the server sends, so a test can await the next message of a kind. */
export interface TestSocket {
  socket: WebSocket;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server sent.
  received: any[];
  send(value: unknown): void;
  /** The next message of `type`, taken off `received`; `timeoutMs` only catches a hang (default 10 s). */
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  next(type: string, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

export function openSocket(url: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const received: unknown[] = [];
    const waiters: { type: string; resolve: (v: unknown) => void }[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      received.push(message);
      const index = waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
    });
    socket.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error('refused'), { statusCode: res.statusCode, headers: res.headers })),
    );
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received: received as TestSocket['received'],
        send: (value) => socket.send(typeof value === 'string' ? value : JSON.stringify(value)),
        next: (type, timeoutMs = 10_000) => {
          const seen = received.findIndex((m) => (m as { type: string }).type === type);
          if (seen >= 0) return Promise.resolve(received.splice(seen, 1)[0]);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({
              type,
              resolve: (v) => {
                clearTimeout(timer);
                received.splice(received.indexOf(v), 1);
                res(v);
              },
            });
          });
        },
        close: () =>
          new Promise((done) => {
            if (socket.readyState === WebSocket.CLOSED) return done();
            socket.once('close', () => done());
            socket.close();
          }),
      }),
    );
  });
}
