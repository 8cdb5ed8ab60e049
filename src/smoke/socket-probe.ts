import WebSocket from 'ws';

type Message = { type?: string } & Record<string, unknown>;

/** A WebSocket client that keeps what the server sends, so a check can wait for one message in particular. */
export interface SocketProbe {
  send(value: unknown): void;
  waitFor(what: string, matches: (message: Message) => boolean, timeoutMs: number): Promise<Message>;
  close(): Promise<void>;
}

export function openProbe(url: string, timeoutMs: number): Promise<SocketProbe> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const received: Message[] = [];
    let wake = () => {};
    socket.on('message', (data) => {
      try {
        received.push(JSON.parse(String(data)) as Message);
      } catch {
        received.push({ type: 'unparseable', raw: String(data) });
      }
      wake();
    });
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`the handshake was refused with HTTP ${response.statusCode}`));
      socket.terminate();
    });
    socket.once('error', (error) =>
      reject(new Error(`could not connect to ${redact(url)}: ${error.message}`)),
    );
    socket.once('open', () =>
      resolve({
        send: (value) => socket.send(JSON.stringify(value)),
        waitFor: (what, matches, waitMs) =>
          new Promise((found, fail) => {
            const look = () => {
              const index = received.findIndex(matches);
              if (index < 0) return false;
              clearTimeout(timer);
              wake = () => {};
              found(received.splice(index, 1)[0] as Message);
              return true;
            };
            const timer = setTimeout(() => {
              wake = () => {};
              const seen = received.map((m) => m.type).join(', ') || 'nothing';
              fail(new Error(`no ${what} within ${waitMs} ms (received: ${seen})`));
            }, waitMs);
            if (!look()) wake = look;
          }),
        close: () =>
          new Promise((done) => {
            if (socket.readyState === WebSocket.CLOSED) return done();
            socket.once('close', () => done());
            socket.close();
            // A peer that never answers the close frame must not hold the suite open.
            setTimeout(() => socket.terminate(), 1_000).unref();
          }),
      }),
    );
  });
}

/** URLs carry `?token=`: never print a bearer token. */
export function redact(url: string): string {
  return url.replace(/([?&]token=)[^&]+/, '$1…');
}
