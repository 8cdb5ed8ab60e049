import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type TestDynamoDb } from '../../../test/support/dynalite.js';
import { createHttpDocuments, type HttpDocuments } from './documents-over-http.js';

/**
 * How the thin client behaves when DynamoDB does not answer well. dynalite answers every request at once, so
 * the misbehaving ones come from small servers written here: one that accepts and never answers, a port that
 * refuses, and a proxy to dynalite that throttles first — each says below what dynalite cannot do.
 */
const TABLE = 'blogapp-test';
const KEY = { TableName: TABLE, Key: { pk: 'POST#1', sk: 'POST' } };
const QUICK = { connectionMs: 1_000, requestMs: 300, maxAttempts: 2 };
/** For calls that should be answered: room for a busy machine, so only the failures under test happen. */
const PATIENT = { connectionMs: 5_000, requestMs: 15_000, maxAttempts: 2 };

let db: TestDynamoDb;
const open: { documents?: HttpDocuments; server?: Server }[] = [];

beforeAll(async () => {
  db = await startDynalite(TABLE);
});
afterAll(() => db?.close());
afterEach(async () => {
  for (const { documents, server } of open.splice(0)) {
    documents?.destroy();
    server?.closeAllConnections();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ server });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(endpoint: string, timeouts = QUICK): HttpDocuments {
  const documents = createHttpDocuments({ endpoint, region: 'us-east-1', timeouts });
  open.push({ documents });
  return documents;
}

/** The thin client's sockets per endpoint (src/adapters/dynamodb/http/request.ts). */
const POOL = 50;

/** Forwards to dynalite, after answering the first `throttles` requests as DynamoDB answers a throttle. */
function throttlingProxy(throttles: number, seen: string[]) {
  return listen((incoming, answer) => {
    seen.push(String(incoming.headers['x-amz-target']));
    if (seen.length <= throttles) {
      answer.writeHead(400, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': `throttled-${seen.length}`,
      });
      answer.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
          message: 'The level of configured provisioned throughput for the table was exceeded.',
        }),
      );
      return;
    }
    const target = new URL(db.endpoint);
    const forwarded = request(
      { host: target.hostname, port: target.port, method: 'POST', path: '/', headers: incoming.headers },
      (reply) => {
        answer.writeHead(reply.statusCode ?? 500, reply.headers);
        reply.pipe(answer);
      },
    );
    incoming.pipe(forwarded);
  });
}

describe('documents over HTTP, when DynamoDB answers badly', () => {
  it('gives up on a server that accepts and never answers with a TimeoutError, after every attempt', async () => {
    // dynalite always answers: a server that reads the request and stays silent stands for a hung store.
    const seen: number[] = [];
    const endpoint = await listen(() => seen.push(Date.now()));
    const failure = await client(endpoint)
      .get(KEY)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 2 } });
    expect(seen).toHaveLength(2);
  });

  it('times a call from when it gets a socket, so a burst queued for the pool is not a timeout', async () => {
    // dynalite answers at once; this server keeps each of the pool's sockets busy for three request
    // timeouts, never silent for more than a quarter of one (the gaps of the test below), so the call queued
    // behind them waits past both limits, as a burst does when the store shares a busy process.
    const timeouts = { connectionMs: 500, requestMs: 1_000, maxAttempts: 1 };
    const endpoint = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.write('{');
      const trickle = setInterval(() => response.write(' '), timeouts.requestMs / 4);
      setTimeout(() => {
        clearInterval(trickle);
        response.end('}');
      }, 3 * timeouts.requestMs);
    });
    const documents = client(endpoint, timeouts);
    const answers = await Promise.all(Array.from({ length: POOL + 1 }, () => documents.get(KEY)));
    expect(answers.map((answer) => answer.Item)).toEqual(Array(POOL + 1).fill(undefined));
  });

  it('gives up on an answer that stops halfway, as on one that never starts', async () => {
    // dynalite never stalls mid-answer: this server sends the head and part of a body, then nothing.
    const seen: number[] = [];
    const endpoint = await listen((_request, response) => {
      seen.push(Date.now());
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.write('{"Item":');
    });
    const failure = await client(endpoint)
      .get(KEY)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 2 } });
    expect(seen).toHaveLength(2);
  });

  it("counts the answer's head as a sign of life, as the SDK's socket timeout does", async () => {
    // Head after 0.6 of the timeout, body 0.6 later: never silent for the timeout, though the body comes
    // after it. Margins of 0.4 of a second either way, for a busy machine.
    const timeouts = { connectionMs: 5_000, requestMs: 1_000, maxAttempts: 1 };
    const endpoint = await listen((_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.flushHeaders();
        setTimeout(() => response.end('{"Item":{"pk":{"S":"POST#1"},"sk":{"S":"POST"}}}'), 600);
      }, 600);
    });
    const output = await client(endpoint, timeouts).get(KEY);
    expect(output.Item).toEqual({ pk: 'POST#1', sk: 'POST' });
  });

  it('takes an answer that arrives slowly but steadily, longer in all than the request timeout', async () => {
    // The timeout is for silence, as the SDK's socket timeout is: a big page over a slow link is no hang.
    // The gaps are a quarter of the timeout, so a busy machine has room before any gap looks like silence.
    const timeouts = { connectionMs: 5_000, requestMs: 1_000, maxAttempts: 1 };
    const body = JSON.stringify({
      Item: { pk: { S: 'POST#1' }, sk: { S: 'POST' }, title: { S: 'x'.repeat(70) } },
    });
    const pieces = body.match(/.{1,20}/g) as string[];
    let answeredIn = 0;
    const endpoint = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      const started = Date.now();
      const next = () => {
        const piece = pieces.shift();
        if (piece === undefined) {
          answeredIn = Date.now() - started;
          return response.end();
        }
        response.write(piece);
        setTimeout(next, timeouts.requestMs / 4);
      };
      next();
    });
    const output = await client(endpoint, timeouts).get(KEY);
    expect(output.Item).toEqual({ pk: 'POST#1', sk: 'POST', title: 'x'.repeat(70) });
    // Only a whole answer that outlasted the timeout proves the point.
    expect(answeredIn).toBeGreaterThan(timeouts.requestMs);
  });

  it('keeps the socket error code of a refused connection, retried as the SDK retries it', async () => {
    // A port nothing listens on any more: dynalite cannot refuse a connection it is listening for.
    const endpoint = await listen(() => {});
    const { server } = open.pop() as { server: Server };
    await new Promise((resolve) => server.close(resolve));
    const failure = await client(endpoint)
      .get(KEY)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ECONNREFUSED', $metadata: { attempts: 2 } });
  });

  it('retries throttled calls and answers once DynamoDB does, counting the attempts', async () => {
    // dynalite never throttles: a proxy answers the first request as DynamoDB does when throttling.
    await client(db.endpoint, PATIENT).put({
      TableName: TABLE,
      Item: { pk: 'POST#1', sk: 'POST', title: 'Hi' },
    });
    const seen: string[] = [];
    const endpoint = await throttlingProxy(1, seen);
    const output = await client(endpoint, { ...PATIENT, maxAttempts: 3 }).get(KEY);
    expect(output.Item).toEqual({ pk: 'POST#1', sk: 'POST', title: 'Hi' });
    expect(output).toMatchObject({ $metadata: { attempts: 2, httpStatusCode: 200 } });
    expect(seen).toEqual(['DynamoDB_20120810.GetItem', 'DynamoDB_20120810.GetItem']);
  });

  it('throws the throttle as the SDK does once the attempts are spent', async () => {
    const seen: string[] = [];
    const endpoint = await throttlingProxy(5, seen);
    const failure = await client(endpoint, PATIENT)
      .get(KEY)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'throttled-2', attempts: 2 },
    });
    expect(seen).toHaveLength(2);
  });

  it('never retries a client error', async () => {
    const seen: string[] = [];
    const endpoint = await throttlingProxy(0, seen);
    const failure = await client(endpoint, { ...PATIENT, maxAttempts: 3 })
      .get({ TableName: TABLE, Key: { pk: 'POST#1' } })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ValidationException', $metadata: { attempts: 1 } });
    expect(seen).toHaveLength(1);
  });

  it("gives a transaction the SDK's idempotency token when its caller did not, the same on every attempt", async () => {
    // A server that fails the first attempt with a 500 and records each body: a retried transaction must
    // carry the token of the first, or DynamoDB could apply it twice.
    const bodies: Record<string, unknown>[] = [];
    const endpoint = await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
        const status = bodies.length === 1 ? 500 : 200;
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(status === 500 ? '{"__type":"InternalServerError","message":"try again"}' : '{}');
      });
    });
    await client(endpoint, { ...PATIENT, maxAttempts: 2 }).transactWrite({
      TransactItems: [{ Put: { TableName: TABLE, Item: { pk: 'POST#1', sk: 'POST' } } }],
    });
    expect(bodies).toHaveLength(2);
    expect(bodies[0]?.ClientRequestToken).toEqual(expect.any(String));
    expect(bodies[1]?.ClientRequestToken).toBe(bodies[0]?.ClientRequestToken);
  });

  it('ends a call in flight when its signal aborts, with an AbortError and no further attempt', async () => {
    // A hung server again (dynalite answers too fast to abort in between).
    const seen: number[] = [];
    let arrived: () => void = () => {};
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const endpoint = await listen(() => {
      seen.push(Date.now());
      arrived();
    });
    const controller = new AbortController();
    const call = client(endpoint, { connectionMs: 5_000, requestMs: 30_000, maxAttempts: 3 })
      .get(KEY, { abortSignal: controller.signal })
      .catch((error: unknown) => error);
    await first;
    controller.abort();
    expect(await call).toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
  });
});
