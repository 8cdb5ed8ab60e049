import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { setCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { type HttpEvent, lambdaHandler } from '../../src/http/lambda-handler.js';
import { awsEvent, httpEvent } from '../support/aws-events.js';
import { lambdaContext } from '../support/lambda-context.js';

/** Answers of every kind a handler gives: JSON, text, HTML, bytes, streams, cookies, redirects, no body. */
const app = new Hono();
app.get('/json', (c) => c.json({ ok: true, name: 'Zoë' }, 201, { ETag: '"v1"' }));
app.get('/text', (c) => c.text('plain'));
app.get('/html', (c) => c.html('<p>hi</p>'));
app.get('/empty', (c) => c.body(null, 204));
app.get('/redirect', (c) => c.redirect('/text'));
app.get('/bytes', (c) => c.body(new Uint8Array([0, 1, 2, 250, 255]), 200, { 'Content-Type': 'image/png' }));
app.get('/gzip', (c) => c.body('not really gzip', 200, { 'content-encoding': 'gzip' }));
app.get(
  '/stream',
  () => new Response(new Blob(['stre', 'amed']).stream(), { headers: { 'x-kind': 'stream' } }),
);
app.get('/cookies', (c) => {
  setCookie(c, 'a', '1');
  setCookie(c, 'b', '2', { path: '/', httpOnly: true });
  c.header('X-Multi', 'one');
  c.header('X-Multi', 'two', { append: true });
  return c.json({ cookies: true });
});
app.on(['GET', 'POST', 'PATCH', 'HEAD'], '/seen', async (c) =>
  c.json({
    url: c.req.url,
    method: c.req.method,
    path: c.req.path,
    queries: c.req.queries(),
    headers: c.req.header(),
    body: ['GET', 'HEAD'].includes(c.req.method) ? null : await c.req.text(),
  }),
);

const door = lambdaHandler(app, new Logger({ logLevel: 'SILENT' }));
const hono = handle(app);

const rest = (method: string, path: string, changes: Record<string, unknown> = {}) => ({
  ...awsEvent<Record<string, unknown>>('py_apiGatewayProxyEvent'),
  httpMethod: method,
  path,
  body: null,
  ...changes,
});
const functionUrl = (method: string, path: string) => {
  const event = httpEvent('py_lambdaFunctionUrlEvent', { method, path });
  event.requestContext.domainName = 'abcdefghij.lambda-url.us-east-1.on.aws';
  return event;
};
const http = (
  method: string,
  path: string,
  more: Omit<Parameters<typeof httpEvent>[1], 'method' | 'path'> = {},
) => httpEvent('py_apiGatewayProxyV2Event', { method, path, ...more });

const PATHS = [
  '/json',
  '/text',
  '/html',
  '/empty',
  '/redirect',
  '/bytes',
  '/gzip',
  '/stream',
  '/cookies',
  '/seen',
];
const EVENTS: [string, object][] = [
  ...PATHS.flatMap((path): [string, object][] => [
    [`HTTP API GET ${path}`, http('GET', path)],
    [`REST GET ${path}`, rest('GET', path)],
    [`REST without multi-value headers GET ${path}`, rest('GET', path, { multiValueHeaders: undefined })],
    [`Function URL GET ${path}`, functionUrl('GET', path)],
  ]),
  ['HTTP API HEAD /seen', http('HEAD', '/seen')],
  ['HTTP API HEAD /cookies', http('HEAD', '/cookies')],
  ['HTTP API query', http('GET', '/seen', { query: 'a=1&a=2&b=x%20y&c=%C3%A9&d' })],
  ['HTTP API path to normalise', http('GET', '/x/../seen')],
  ['HTTP API encoded path', http('GET', '/se%65n')],
  ['HTTP API header values', http('GET', '/seen', { headers: { 'x-name': 'Zoë', 'x-pad': '  a  ' } })],
  ['HTTP API lower-case method', http('post', '/seen', { body: 'x' })],
  ['HTTP API PATCH text', http('PATCH', '/seen', { body: 'héllo' })],
  ['HTTP API POST base64', http('POST', '/seen', { body: 'héllo', base64: true })],
  [
    'REST query',
    rest('GET', '/seen', {
      multiValueQueryStringParameters: { a: ['1', '2'], 'b c': ['x&y'], é: ['ü'] },
      queryStringParameters: { a: '2' },
    }),
  ],
  [
    'REST single query',
    rest('GET', '/seen', {
      multiValueQueryStringParameters: null,
      queryStringParameters: { a: 'x y', b: '' },
    }),
  ],
  ['REST POST', rest('POST', '/seen', { body: '{"a":1}' })],
];

describe('the Lambda door answers as Hono’s adapter, which it replaces, did', () => {
  it.each(EVENTS)('%s', async (_, event) => {
    const context = lambdaContext('blogapp-parity');
    // Each reads its own copy: an event is data AWS hands over once.
    const ours = await door(structuredClone(event) as HttpEvent, context);
    const theirs = await hono(structuredClone(event) as never, context);
    expect(ours).toEqual(theirs);
  });
});
