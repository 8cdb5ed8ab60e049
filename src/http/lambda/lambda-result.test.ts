import { defaultIsContentTypeBinary } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { isBinaryType, lambdaResult } from './lambda-result.js';
import { installLightResponse, LightResponse } from './light-response.js';

// Vitest isolates each test file: the global Response is ours only in this one.
const WebResponse = globalThis.Response;
installLightResponse();

const V2 = { v2: true, multiValueHeaders: false };
const REST = { v2: false, multiValueHeaders: true };
const REST_PLAIN = { v2: false, multiValueHeaders: false };

/** The same answer held light (as Hono's `c.*` build it on the door) and as a real Response. */
function bothKinds(body: string | Uint8Array | null, init: ResponseInit) {
  const light = new Response(body, init);
  expect(LightResponse.partsOf(light)).toBeDefined();
  return [light, new WebResponse(body, init)];
}

describe('lambdaResult', () => {
  it('tells binary content types as Hono’s adapter does', () => {
    const types = [
      'application/json',
      'application/json; charset=utf-8',
      'application/problem+json',
      'text/html; charset=UTF-8',
      'text/plain',
      'text/csv',
      'application/xml',
      'application/vnd.apple.installer+xml',
      'image/png',
      'application/octet-stream',
      'application/pdf',
      'text/event-stream',
    ];
    expect(types.map(isBinaryType)).toEqual(types.map(defaultIsContentTypeBinary));
  });

  it('answers cookies apart on HTTP API events and as a multi-value header on REST events', async () => {
    const headers = [
      ['set-cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2'],
      ['content-type', 'application/json'],
      ['vary', 'Origin'],
      ['vary', 'Accept'],
    ] as [string, string][];
    for (const kind of [0, 1]) {
      // A fresh answer per result: reading one uses its body up.
      const answer = () => bothKinds('{}', { status: 201, headers })[kind] as Response;
      expect(await lambdaResult(answer(), V2)).toEqual({
        statusCode: 201,
        body: '{}',
        isBase64Encoded: false,
        cookies: ['a=1; Path=/', 'b=2'],
        headers: { 'content-type': 'application/json', vary: 'Origin, Accept' },
      });
      const rest = {
        statusCode: 201,
        body: '{}',
        isBase64Encoded: false,
        multiValueHeaders: {
          'set-cookie': ['a=1; Path=/', 'b=2'],
          'content-type': ['application/json'],
          vary: ['Origin, Accept'],
        },
      };
      expect(await lambdaResult(answer(), REST)).toEqual(rest);
      // As Hono's adapter: a REST event without multi-value headers still gets them once there are cookies.
      expect(await lambdaResult(answer(), REST_PLAIN)).toEqual({ ...rest, headers: {} });
    }
  });

  it('takes a cookie out of a record of headers too', async () => {
    const answer = () =>
      new Response('{}', { headers: { 'content-type': 'application/json', 'set-cookie': 'a=1' } });
    expect(await lambdaResult(answer(), V2)).toMatchObject({
      cookies: ['a=1'],
      headers: { 'content-type': 'application/json' },
    });
    expect(await lambdaResult(answer(), REST)).toMatchObject({
      multiValueHeaders: { 'set-cookie': ['a=1'], 'content-type': ['application/json'] },
    });
    expect((await lambdaResult(answer(), V2)).headers).not.toHaveProperty('set-cookie');
  });

  it('answers binary bodies base64, text ones as text, and no body as empty', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    for (const answer of bothKinds(bytes, { headers: { 'content-type': 'image/png' } })) {
      expect(await lambdaResult(answer, V2)).toMatchObject({ body: 'AAEC+v8=', isBase64Encoded: true });
    }
    for (const answer of bothKinds('{"name":"Zoë"}', { headers: { 'content-type': 'application/json' } })) {
      expect(await lambdaResult(answer, V2)).toMatchObject({
        body: '{"name":"Zoë"}',
        isBase64Encoded: false,
      });
    }
    for (const answer of bothKinds('gzipped', {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    })) {
      expect(await lambdaResult(answer, V2)).toMatchObject({ body: 'Z3ppcHBlZA==', isBase64Encoded: true });
    }
    for (const answer of bothKinds(null, { status: 204 })) {
      expect(await lambdaResult(answer, V2)).toEqual({
        statusCode: 204,
        body: '',
        isBase64Encoded: false,
        headers: {},
      });
    }
  });

  it('reads a streamed answer a handler built itself', async () => {
    const stream = new Blob(['streamed ', 'text']).stream();
    const answer = new Response(stream, { headers: { 'content-type': 'text/plain' } });
    expect(await lambdaResult(answer, V2)).toEqual({
      statusCode: 200,
      body: 'streamed text',
      isBase64Encoded: false,
      headers: { 'content-type': 'text/plain' },
    });
  });
});
