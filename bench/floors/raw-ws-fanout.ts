import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** The fan-out floor: a bare `ws` server whose push is a loop of send() over its sockets. */
export interface RawFanOut {
  url: string;
  /** Sends `frame` to the first `count` connected sockets. */
  push(frame: string, count: number): void;
  close(): Promise<void>;
}

export async function startRawFanOut(): Promise<RawFanOut> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    push: (frame, count) => {
      for (const socket of sockets.slice(0, count)) socket.send(frame);
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
