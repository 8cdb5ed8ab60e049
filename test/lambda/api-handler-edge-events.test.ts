import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { awsEvent, httpEvent } from '../support/aws-events.js';
import { lambdaContext } from '../support/lambda-context.js';

interface LambdaResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
}
type Handler = (event: object, context?: unknown) => Promise<LambdaResult>;

interface Request {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** AWS's REST API (payload 1.0) sample re-aimed at one request; it carries a GET body as published. */
function restEvent(request: Request): object {
  const event = awsEvent<Record<string, unknown> & { requestContext: Record<string, unknown> }>(
    'py_apiGatewayProxyEvent',
  );
  const headers = { ...(event.headers as Record<string, string>), ...request.headers };
  return {
    ...event,
    httpMethod: request.method,
    path: request.path,
    resource: '/{proxy+}',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: { ...event.requestContext, httpMethod: request.method, path: request.path },
    body: request.body ?? null,
  };
}

/** The published HTTP API 2.0 sample (its JWT-authorizer claims stay; no Authorization header is sent). */
const httpApiEvent = (request: Request) => httpEvent('py_apiGatewayProxyV2Event', request);

/** The published Function URL sample, with a real Function URL host in place of its placeholder. */
function functionUrlEvent(request: Request) {
  const event = httpEvent('py_lambdaFunctionUrlEvent', request);
  event.requestContext.domainName = 'abcdefghij.lambda-url.us-east-1.on.aws';
  event.headers.host = 'abcdefghij.lambda-url.us-east-1.on.aws';
  return event;
}

const SHAPES: [string, (request: Request) => object][] = [
  ['HTTP API 2.0', httpApiEvent],
  ['REST API 1.0', restEvent],
  ['Function URL', functionUrlEvent],
];

const headerOf = (result: LambdaResult, name: string) =>
  result.headers?.[name] ?? result.multiValueHeaders?.[name]?.[0];

describe('API Lambda entry with unusual events in every shape AWS sends', () => {
  let db: EmbeddedDynamoDb;
  let dataDir: string;
  let handler: Handler;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    dataDir = await mkdtemp(join(tmpdir(), 'blogapp-lambda-edge-'));
    Object.assign(process.env, {
      APP_ENVIRONMENT: 'local',
      APP_REPOSITORY_PROVIDER: 'dynamodb',
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: 'blogapp-lambda-edge-test',
      APP_DATA_DIR: dataDir,
      LOG_LEVEL: 'INFO',
      POWERTOOLS_DEV: 'false',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    // Log lines are part of what is checked: kept in a buffer, so a passing run prints nothing.
    const keep = (chunk: unknown) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        try {
          logLines.push(JSON.parse(line));
        } catch {
          logLines.push({ text: line });
        }
      }
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(keep);
    vi.spyOn(process.stderr, 'write').mockImplementation(keep);
    // Hono's adapter reports its own refusals on stderr; kept quiet here, the app's log line is checked.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const entry = (await import('../../src/entry/lambda/api.handler.js')) as unknown as { handler: Handler };
    handler = (event) => entry.handler(event, lambdaContext('blogapp-api'));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const loggedWith = (requestId: string | undefined) =>
    logLines.filter((line) => line.requestId === requestId);

  describe.each(SHAPES)('%s', (_shape, event) => {
    it('serves a GET that carries a body, ignoring the body', async () => {
      const result = await handler(event({ method: 'GET', path: '/api/posts', body: 'Hello from Lambda!' }));
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject({ items: expect.any(Array) });
      expect(headerOf(result, 'x-request-id')).toBeTruthy();
      expect(loggedWith(headerOf(result, 'x-request-id'))).toContainEqual(
        expect.objectContaining({ message: 'request', status: 200, method: 'GET' }),
      );
    });

    it('serves a HEAD that carries a body', async () => {
      const result = await handler(event({ method: 'HEAD', path: '/api/health', body: '{}' }));
      expect(result.statusCode).toBe(200);
      expect(headerOf(result, 'x-request-id')).toBeTruthy();
    });

    it('answers a POST with an invalid body and no token 401, in the error shape', async () => {
      const result = await handler(
        event({
          method: 'POST',
          path: '/api/posts',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: '', unknown: true }),
        }),
      );
      expect(result.statusCode).toBe(401);
      expect(JSON.parse(result.body)).toEqual({
        error: { code: 'unauthorized', message: expect.any(String) },
      });
      expect(loggedWith(headerOf(result, 'x-request-id'))).toContainEqual(
        expect.objectContaining({ message: 'request', status: 401 }),
      );
    });

    it('answers a request the adapter cannot read in the error shape, with a request id and a log line', async () => {
      const result = await handler(
        event({
          method: 'GET',
          path: '/api/posts',
          headers: { 'bad header name': 'x', 'x-request-id': 'edge-1' },
        }),
      );
      expect(result.statusCode).toBe(400);
      expect(headerOf(result, 'content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(result.body)).toEqual({
        error: { code: 'bad_request', message: expect.any(String) },
      });
      expect(headerOf(result, 'x-request-id')).toBe('edge-1');
      expect(loggedWith('edge-1')).toContainEqual(expect.objectContaining({ status: 400 }));
    });

    it('gives that refusal the headers a served answer to the same origin carries, so a browser reads it', async () => {
      const origin = 'http://localhost:5173';
      // Spelt as the REST sample spells it, so it replaces the sample's own.
      const served = await handler(event({ method: 'GET', path: '/api/posts', headers: { Origin: origin } }));
      const refused = await handler(
        event({ method: 'GET', path: '/api/posts', headers: { Origin: origin, 'bad header name': 'x' } }),
      );
      expect(refused.statusCode).toBe(400);
      const shared = (result: LambdaResult) => {
        const names = Object.keys(result.headers ?? result.multiValueHeaders ?? {});
        const own = new Set(['x-request-id', 'content-type', 'content-length', 'etag']);
        return Object.fromEntries(
          names.filter((name) => !own.has(name)).map((n) => [n, headerOf(result, n)]),
        );
      };
      expect(shared(refused)).toEqual(shared(served));
      expect(shared(refused)).toMatchObject({
        'access-control-allow-origin': origin,
        'x-content-type-options': 'nosniff',
        'strict-transport-security': expect.any(String),
      });
    });
  });
});
