import { describe, expect, it } from 'vitest';
import { eventRequest } from './event-request.js';

/** A REST API 1.0 event as the door reads it (AWS's fields, only those read here). */
const post = (body: string, isBase64Encoded = false) => ({
  httpMethod: 'POST',
  path: '/api/posts',
  requestContext: { domainName: 'id.execute-api.us-east-1.amazonaws.com' },
  headers: { 'Content-Type': 'application/json' },
  multiValueHeaders: null,
  queryStringParameters: null,
  body,
  isBase64Encoded,
});

/** The same request as a web Request builds it, to compare with. */
const web = (body: string) =>
  new Request('https://id.execute-api.us-east-1.amazonaws.com/api/posts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

describe('eventRequest (a LightRequest)', () => {
  it('reads a body once, as a web Request does, however it is read', async () => {
    for (const first of ['text', 'json', 'arrayBuffer'] as const) {
      const ours = eventRequest(post('{"a":1}'), false);
      const theirs = web('{"a":1}');
      const value = await ours[first]();
      expect(value).toEqual(await theirs[first]());
      expect(ours.bodyUsed).toBe(theirs.bodyUsed);
      await expect(ours.text()).rejects.toThrow(TypeError);
      await expect(theirs.text()).rejects.toThrow(TypeError);
    }
  });

  it('gives its body as bytes too (the newer Body method)', async () => {
    const ours = eventRequest(post('{"a":1}'), false);
    expect(await ours.bytes()).toEqual(new TextEncoder().encode('{"a":1}'));
    await expect(ours.bytes()).rejects.toThrow(TypeError);
  });

  it('streams its body, and a body read through the stream is used up', async () => {
    const ours = eventRequest(post(Buffer.from('{"b":2}').toString('base64'), true), false);
    expect(ours.headers.get('content-length')).toBe('7');
    expect(ours.bodyUsed).toBe(false);
    expect(await new Response(ours.body).text()).toBe('{"b":2}');
    expect(ours.bodyUsed).toBe(true);
    await expect(ours.json()).rejects.toThrow(TypeError);
  });

  it('hands what it does not serve itself to a real Request of the same request', async () => {
    const ours = eventRequest(post('{"c":3}'), false);
    const copy = ours.clone();
    expect(copy).toBeInstanceOf(Request);
    expect([copy.method, copy.url, copy.headers.get('content-type')]).toEqual([
      'POST',
      'https://id.execute-api.us-east-1.amazonaws.com/api/posts',
      'application/json',
    ]);
    expect(await copy.json()).toEqual({ c: 3 });
    expect(await ours.json()).toEqual({ c: 3 });
  });
});
