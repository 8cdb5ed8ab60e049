import { Agent, request } from 'node:http';
import { startLocalWebSocketGateway } from '../../src/local/websocket/index.js';

/**
 * The fairer fan-out floor: the local gateway itself, its `@connections` API taking one plain POST per
 * connection over keep-alive sockets, `concurrency` in flight, unsigned, with no store behind it — what
 * the full path would cost if signing, the SDK, the stream and the subscribers query were free.
 */
export interface GatewayPostFanOut {
  url: string;
  /** Resolves once every connected socket's POST has been answered. */
  push(frame: string): Promise<void>;
  close(): Promise<void>;
}

export async function startGatewayPostFanOut(concurrency: number): Promise<GatewayPostFanOut> {
  const connectionIds: string[] = [];
  const gateway = await startLocalWebSocketGateway({
    handler: async (event) => {
      if (event.requestContext.eventType === 'CONNECT') connectionIds.push(event.requestContext.connectionId);
      return { statusCode: 200 };
    },
    options: { port: 0, verifySignatures: false, maxConnections: 20_000 },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port, pathname } = new URL(gateway.managementEndpoint);
  const post = (connectionId: string, body: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: `${pathname}/@connections/${connectionId}`,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.once('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`the gateway answered ${res.statusCode}`)),
          );
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  return {
    url: gateway.url,
    push: async (frame) => {
      const body = Buffer.from(frame);
      let next = 0;
      const worker = async () => {
        while (next < connectionIds.length) await post(connectionIds[next++] as string, body);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, connectionIds.length) }, worker));
    },
    close: async () => {
      agent.destroy();
      await gateway.close();
    },
  };
}
