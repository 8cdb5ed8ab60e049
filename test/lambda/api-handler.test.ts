import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { type HttpV2Event, httpEvent } from '../support/aws-events.js';
import { lambdaContext } from '../support/lambda-context.js';

interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  cookies?: string[];
  isBase64Encoded: boolean;
}
type Handler = (event: HttpV2Event, context?: unknown) => Promise<LambdaResult>;

describe('API Lambda entry with AWS sample events', () => {
  let db: EmbeddedDynamoDb;
  let dataDir: string;
  let handler: Handler;
  let token: string;
  let postId: string;

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    dataDir = await mkdtemp(join(tmpdir(), 'blogapp-lambda-'));
    // The entry reads its configuration from the environment at cold start, as in Lambda.
    Object.assign(process.env, {
      APP_ENVIRONMENT: 'local',
      APP_REPOSITORY_PROVIDER: 'dynamodb',
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: 'blogapp-lambda-test',
      APP_DATA_DIR: dataDir,
      LOG_LEVEL: 'ERROR',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const entry = (await import('../../src/entry/lambda/api.handler.js')) as unknown as { handler: Handler };
    handler = (event) => entry.handler(event, lambdaContext('blogapp-api'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers GET /api/health from an HTTP API v2 GET event', async () => {
    const result = await handler(
      httpEvent('py_apiGatewayProxyV2Event_GET', { method: 'GET', path: '/api/health' }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(result.headers['x-request-id']).toBeTruthy();
    expect(result.cookies ?? []).toEqual([]);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'healthy', checks: { database: 'ok' } });
  });

  it('takes a plain JSON body from an HTTP API v2 POST event', async () => {
    const result = await handler(
      httpEvent('py_apiGatewayProxyV2Event', {
        method: 'POST',
        path: '/api/dev/token',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'lambda-user', name: 'Lambda User' }),
      }),
    );
    expect(result.statusCode).toBe(200);
    token = JSON.parse(result.body).token;
    expect(token.split('.')).toHaveLength(3);
  });

  it('takes a base64 body, answering 201 with Location', async () => {
    const result = await handler(
      httpEvent('py_apiGatewayProxyV2Event', {
        method: 'POST',
        path: '/api/posts',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'From Lambda', body: 'base64 body' }),
        base64: true,
      }),
    );
    expect(result.statusCode).toBe(201);
    const post = JSON.parse(result.body);
    postId = post.id;
    expect(post).toMatchObject({ title: 'From Lambda', authorId: 'lambda-user', authorName: 'Lambda User' });
    expect(result.headers.location).toBe(`/api/posts/${postId}`);
  });

  it('serves a Function URL GET with a query string and returns the ETag', async () => {
    // The samples' host is a placeholder ("<url-id>…"); a real Function URL host takes its place.
    const functionUrl = (event: HttpV2Event) => {
      event.requestContext.domainName = 'abcdefghij.lambda-url.us-east-1.on.aws';
      return event;
    };
    const list = await handler(
      functionUrl(httpEvent('lambda_get-request', { method: 'GET', path: '/api/posts', query: 'limit=1' })),
    );
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body).items.map((p: { id: string }) => p.id)).toEqual([postId]);
    const one = await handler(
      functionUrl(httpEvent('py_lambdaFunctionUrlEvent', { method: 'GET', path: `/api/posts/${postId}` })),
    );
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe('"v1"');
  });

  it('refuses a bad token on every route, public ones included', async () => {
    const result = await handler(httpEvent('apigw-http_no-auth', { method: 'GET', path: '/api/posts' }));
    expect(result.statusCode).toBe(401);
  });

  it('verifies the bearer token itself even behind a JWT authorizer: the sample token is refused', async () => {
    const result = await handler(
      httpEvent('apigw-http_jwt-authorizer-auth', { method: 'GET', path: '/api/posts' }),
    );
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers malformed JSON with 400 and unknown routes with 404, in the error shape', async () => {
    const malformed = await handler(
      httpEvent('apigw-http_no-auth', {
        method: 'POST',
        path: '/api/posts',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"title":',
      }),
    );
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe('bad_request');
    const unknown = await handler(
      httpEvent('apigw-http_no-auth', {
        method: 'GET',
        path: '/api/unknown',
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('not_found');
  });

  it('refuses a base64 body that is not UTF-8 with 400, and a charset other than UTF-8 with 415', async () => {
    const post = (contentType: string) => {
      const event = httpEvent('py_apiGatewayProxyV2Event', {
        method: 'POST',
        path: '/api/posts',
        headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
        body: '',
        base64: true,
      });
      // What API Gateway sends for bytes it does not take for text: the bytes as they came, in base64.
      event.body = Buffer.from('{"title":"caf\xe9","body":"b"}', 'latin1').toString('base64');
      return handler(event);
    };
    const notUtf8 = await post('application/json');
    expect(notUtf8.statusCode).toBe(400);
    expect(JSON.parse(notUtf8.body).error).toEqual({
      code: 'bad_request',
      message: expect.stringContaining('UTF-8'),
    });
    const latin1 = await post('application/json; charset=ISO-8859-1');
    expect(latin1.statusCode).toBe(415);
    expect(JSON.parse(latin1.body).error.code).toBe('unsupported_media_type');
    const list = await handler(
      httpEvent('py_apiGatewayProxyV2Event_GET', { method: 'GET', path: '/api/posts', query: 'limit=100' }),
    );
    expect(JSON.parse(list.body).items.map((p: { id: string }) => p.id)).toEqual([postId]);
  });
});
