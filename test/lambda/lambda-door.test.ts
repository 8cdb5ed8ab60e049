import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type HttpEvent, lambdaHandler } from '../../src/http/lambda-handler.js';
import { awsEvent, httpEvent } from '../support/aws-events.js';
import { lambdaContext } from '../support/lambda-context.js';

/** What the app saw of a request, answered back as JSON. */
const app = new Hono();
const seen = async (c: import('hono').Context) =>
  c.json({
    url: c.req.url,
    method: c.req.method,
    queries: c.req.queries(),
    headers: c.req.header(),
    body: c.req.method === 'GET' || c.req.method === 'HEAD' ? null : await c.req.text(),
  });
app.on(['GET', 'POST', 'PATCH'], '/seen', seen);

// The door's log line for a refused request is checked, kept here rather than printed.
const logged: unknown[] = [];
const logger = new Logger({ logLevel: 'WARN' });
logger.warn = (...args: unknown[]) => {
  logged.push(args);
};
const handler = lambdaHandler(app, logger);
const answer = async (event: object) => {
  const result = await handler(event as HttpEvent, lambdaContext('blogapp-door'));
  return { ...result, seen: result.body.startsWith('{') ? JSON.parse(result.body) : undefined };
};

/** AWS's REST API (1.0) sample aimed at /seen: its multi-value headers and query string as AWS sends them. */
function restEvent(changes: Record<string, unknown> = {}) {
  const event = awsEvent<Record<string, unknown>>('py_apiGatewayProxyEvent');
  return { ...event, path: '/seen', body: null, ...changes };
}

describe('the Lambda door reads events as Hono’s adapter did', () => {
  it('HTTP API 2.0: raw query string as sent, cookies as one Cookie header, headers sanitised', async () => {
    const event = httpEvent('py_apiGatewayProxyV2Event', {
      method: 'GET',
      path: '/seen',
      query: 'tag=a&tag=b&q=x%20y&e=%C3%A9',
      headers: { 'x-name': 'Zoë', 'x-padded': '  kept  ' },
    });
    const { statusCode, seen } = await answer(event);
    expect(statusCode).toBe(200);
    expect(seen.url).toBe(`https://${event.requestContext.domainName}/seen?tag=a&tag=b&q=x%20y&e=%C3%A9`);
    expect(seen.queries).toMatchObject({ tag: ['a', 'b'], q: ['x y'], e: ['é'] });
    expect(seen.headers).toMatchObject({
      cookie: 'cookie1; cookie2',
      'x-name': 'Zo%C3%AB',
      'x-padded': 'kept',
    });
  });

  it('REST API 1.0: repeated query values encoded, multi-value headers joined, single ones kept', async () => {
    const { seen } = await answer(
      restEvent({ multiValueQueryStringParameters: { tag: ['a', 'b'], 'q s': ['x&y'] } }),
    );
    expect(seen.url).toMatch(/\/seen\?tag=a&tag=b&q%20s=x%26y$/);
    expect(seen.queries).toMatchObject({ tag: ['a', 'b'], 'q s': ['x&y'] });
    expect(seen.headers).toMatchObject({
      header1: 'value1',
      header2: 'value1, value2',
      origin: 'https://aws.amazon.com',
    });
  });

  it('takes base64 and text bodies with their length, and upper-cases a method as a web Request does', async () => {
    const base64 = await answer(
      httpEvent('py_apiGatewayProxyV2Event', { method: 'post', path: '/seen', body: 'héllo', base64: true }),
    );
    expect(base64.seen).toMatchObject({ method: 'POST', body: 'héllo' });
    expect(base64.seen.headers['content-length']).toBe('6');
    const patch = await answer(
      httpEvent('py_apiGatewayProxyV2Event', { method: 'PATCH', path: '/seen', body: 'x' }),
    );
    expect(patch.seen).toMatchObject({ method: 'PATCH', body: 'x' });
  });

  it('refuses what a web Request refuses, 400 in the error shape with the caller’s request id', async () => {
    for (const changes of [{ method: 'TRACE' }, { headers: { 'bad name': 'x', 'x-request-id': 'door-1' } }]) {
      const result = await answer(
        httpEvent('py_apiGatewayProxyV2Event', { method: 'GET', path: '/seen', ...changes }),
      );
      expect(result.statusCode).toBe(400);
      expect(result.seen).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    expect(logged).toHaveLength(2);
    const rest = await answer(restEvent({ headers: { 'bad name': 'x', 'X-Request-Id': 'door-2' } }));
    expect(rest).toMatchObject({
      statusCode: 400,
      headers: { 'x-request-id': 'door-2' },
      multiValueHeaders: { 'x-request-id': ['door-2'] },
    });
  });

  it('still refuses in the error shape when the app’s usual headers cannot be had', async () => {
    const failing = lambdaHandler(app, logger, () => Promise.reject(new Error('no headers')));
    const event = httpEvent('py_apiGatewayProxyV2Event', { method: 'TRACE', path: '/seen' });
    const result = await failing(event as HttpEvent, lambdaContext('blogapp-door'));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    expect(result.headers).toMatchObject({ 'content-type': 'application/json' });
  });
});
