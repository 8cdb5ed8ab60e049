import { describe, expect, it } from 'vitest';
import { installLightResponse, LightResponse } from './light-response.js';

// Vitest runs each test file in its own process: the global Response is ours only in this one.
const WebResponse = globalThis.Response;
installLightResponse();

const thrown = (build: () => unknown) => {
  try {
    build();
    return undefined;
  } catch (error) {
    return (error as Error).constructor.name;
  }
};

describe('LightResponse', () => {
  it('is the global Response, and both kinds of answer are instances of it', () => {
    expect(globalThis.Response).toBe(LightResponse);
    expect(new Response('x')).toBeInstanceOf(Response);
    expect(new WebResponse('x')).toBeInstanceOf(Response);
    expect({ status: 200 }).not.toBeInstanceOf(Response);
  });

  it('holds a text answer as given for the door, with the default content type a web Response adds', () => {
    const answer = new Response('hello', { status: 201, headers: { 'x-a': '1', etag: '"v1"' } });
    expect(LightResponse.partsOf(answer)).toEqual({
      status: 201,
      record: { 'x-a': '1', etag: '"v1"', 'content-type': 'text/plain;charset=UTF-8' },
      body: 'hello',
    });
  });

  it('answers status, headers and body as the web Response does, whatever the headers were given as', async () => {
    const inits = [
      { status: 202, headers: { 'Content-Type': 'application/json', 'X-Dup': 'a', 'x-dup': 'b' } },
      { headers: [['set-cookie', 'a=1'] as [string, string], ['set-cookie', 'b=2'] as [string, string]] },
      { headers: new WebResponse(null, { headers: { vary: 'Origin' } }).headers },
      undefined,
    ];
    for (const init of inits) {
      const ours = new Response('{"a":1}', init);
      const web = new WebResponse('{"a":1}', init);
      expect([ours.status, ours.ok, ours.statusText, [...ours.headers]]).toEqual([
        web.status,
        web.ok,
        web.statusText,
        [...web.headers],
      ]);
      expect(await ours.json()).toEqual(await web.json());
      expect(ours.bodyUsed).toBe(true);
    }
  });

  it('refuses what the web Response refuses', () => {
    const cases: [string | null, ResponseInit][] = [
      ['x', { status: 199 }],
      ['x', { status: 204 }],
      [null, { headers: { 'x-bad': 'a\nb' } }],
      [null, { headers: { 'bad name': 'x' } }],
    ];
    const ours = cases.map(([body, init]) => thrown(() => new Response(body, init)));
    const web = cases.map(([body, init]) => thrown(() => new WebResponse(body, init)));
    expect(ours).toEqual(web);
    expect(web).toEqual(['RangeError', 'TypeError', 'TypeError', 'TypeError']);
  });

  it('copies status and headers from another answer (Hono answers HEAD so) and leaves streams to a real one', async () => {
    const get = new Response('body', { status: 200, headers: { etag: '"v2"' } });
    const head = new Response(null, get);
    expect(LightResponse.partsOf(head)).toEqual({
      status: 200,
      headers: [
        ['content-type', 'text/plain;charset=UTF-8'],
        ['etag', '"v2"'],
      ],
      body: null,
    });
    const streamed = new Response(new Blob(['streamed']).stream(), {
      headers: { 'content-type': 'text/plain' },
    });
    expect(LightResponse.partsOf(streamed)).toBeUndefined();
    expect(await streamed.text()).toBe('streamed');
  });

  it("copies the status of an answer that holds a real one, as Hono's HEAD of a streamed GET does", () => {
    const streamed = new Response(new Blob(['gone']).stream(), { status: 410, statusText: 'Gone' });
    const head = new Response(null, streamed);
    expect(head.status).toBe(410);
    expect(head.statusText).toBe('Gone');
  });
});
