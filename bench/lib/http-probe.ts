import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One GET on a fresh connection. */
export function get(url: string): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `url` until it answers 200 and returns the time since `since` (performance.now()) at which it did:
 * a fresh process's time to first response, as a client sees it.
 */
export async function firstResponse(url: string, since: number, timeoutMs = 30_000): Promise<number> {
  const deadline = since + timeoutMs;
  for (;;) {
    const reply = await get(url).catch(() => undefined);
    if (reply?.status === 200) return performance.now() - since;
    if (performance.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(reply ? 5 : 2);
  }
}
