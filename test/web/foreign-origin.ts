import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface ForeignOrigin {
  /** e.g. `http://127.0.0.1:41234`: another port is another origin to the browser. */
  origin: string;
  /** Every request it was sent, preflights included. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A server on another origin that welcomes anything, as an attacker's would: it answers every CORS
 * preflight with yes (so a browser would send it an `Authorization` header if the page tried), every GET of
 * a `.js` path with a script, and anything else with `{}`. It only records; the tests read `received`.
 */
export async function startForeignOrigin(): Promise<ForeignOrigin> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*, authorization',
      'access-control-allow-methods': '*',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    if (req.url?.endsWith('.js')) {
      return res
        .writeHead(200, { ...cors, 'content-type': 'text/javascript' })
        .end('window.__foreignScriptRan = true;');
    }
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
