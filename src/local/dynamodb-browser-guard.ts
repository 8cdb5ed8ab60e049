import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { hostGuard } from './host-guard.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/**
 * Keeps web pages away from the embedded DynamoDB, which checks no signature and whose dynalite answers any
 * CORS preflight with `Access-Control-Allow-Origin: *`: without this, a page the developer visits could scan
 * and rewrite the local table. Its clients (the stack, the AWS SDK and CLI) send no `Origin`, which
 * browsers put on every cross-origin call and every preflight, so a request with one is refused, as is a
 * `Host` that is not a loopback name (DNS rebinding, as src/local/host-guard.ts says).
 * Refusals are DynamoDB's error shape, without CORS headers, so a page cannot even read them.
 */
export function refuseBrowsers(server: Server): Server {
  const handlers = server.listeners('request') as Handler[];
  server.removeAllListeners('request');
  const hosts = hostGuard([]);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.allows(req.headers.host)) {
      return refuse(res, 421, 'MisdirectedRequestException', 'Only loopback names are answered here.');
    }
    if (req.headers.origin !== undefined || req.method === 'OPTIONS') {
      return refuse(
        res,
        403,
        'AccessDeniedException',
        'The local DynamoDB does not answer browsers: call it with the AWS SDK or CLI, which send no Origin.',
      );
    }
    for (const handler of handlers) handler(req, res);
  });
  return server;
}

function refuse(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ __type: `${PREFIX}${type}`, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}
