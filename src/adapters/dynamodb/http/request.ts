import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { abortError, timeoutError, transportError } from './errors.js';
import { silenceTimer } from './silence-timer.js';

/** One answer, read whole (DynamoDB's are JSON of at most a few MB). */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Limits {
  /** From the request to a connected socket. */
  connectionMs: number;
  /**
   * How long the answer may go silent: from the request to its first byte, then between bytes — the SDK's
   * socket timeout, so a large answer arriving steadily is never cut off however long it takes in all.
   */
  requestMs: number;
}

/** A POST to one endpoint, over one keep-alive pool of connections (the SDK's: 50 sockets at most). */
export interface Poster {
  post(
    headers: Record<string, string>,
    body: string,
    limits: Limits,
    signal?: AbortSignal,
  ): Promise<RawAnswer>;
  /** Closes its connections, so they hold neither the process nor the server open. */
  close(): void;
}

export function createPoster(endpoint: URL): Poster {
  const secure = endpoint.protocol === 'https:';
  const agent = new (secure ? HttpsAgent : HttpAgent)({ keepAlive: true, maxSockets: 50 });
  const send = secure ? httpsRequest : httpRequest;
  const target = {
    protocol: endpoint.protocol,
    hostname: endpoint.hostname.replace(/^\[|\]$/g, ''),
    port: endpoint.port,
    path: endpoint.pathname || '/',
    method: 'POST',
    agent,
  };
  return {
    post: (headers, body, limits, signal) =>
      new Promise<RawAnswer>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError(signal));
        let settled = false;
        let connecting: ReturnType<typeof silenceTimer> | undefined;
        let answering: ReturnType<typeof silenceTimer> | undefined;
        const finish = (error: Error | undefined, answer?: RawAnswer) => {
          if (settled) return;
          settled = true;
          connecting?.stop();
          answering?.stop();
          signal?.removeEventListener('abort', onAbort);
          if (error) {
            request.destroy();
            reject(error);
          } else resolve(answer as RawAnswer);
        };
        const request = send({ ...target, headers }, (response) => {
          // The head is a sign of life too: the silence is counted again from it.
          answering?.heard();
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            answering?.heard();
            chunks.push(chunk);
          });
          response.on('end', () =>
            finish(undefined, {
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', (error) => finish(transportError(error)));
          response.on('close', () => {
            if (!response.complete)
              finish(transportError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
          });
        });
        const onAbort = () => finish(abortError(signal as AbortSignal));
        signal?.addEventListener('abort', onAbort, { once: true });
        // Both timers start when the agent hands the request a socket: under a burst a request first
        // queues for one of the pool's sockets, behind calls that are each bounded by their own timers (and
        // the caller's signal bounds it all), and that wait is neither DynamoDB refusing a connection nor its
        // silence. A reused keep-alive socket is connected already.
        request.on('socket', (socket) => {
          if (settled) return;
          answering = silenceTimer(limits.requestMs, () =>
            finish(timeoutError(`DynamoDB sent nothing for ${limits.requestMs} ms.`, 'ETIMEDOUT')),
          );
          if (!socket.connecting) return;
          connecting = silenceTimer(limits.connectionMs, () =>
            finish(timeoutError(`DynamoDB did not accept a connection within ${limits.connectionMs} ms.`)),
          );
          socket.once('connect', () => connecting?.stop());
        });
        request.on('error', (error) => finish(transportError(error)));
        request.end(body);
      }),
    close: () => agent.destroy(),
  };
}
