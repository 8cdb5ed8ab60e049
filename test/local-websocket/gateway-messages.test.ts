import { afterEach, describe, expect, it } from 'vitest';
import {
  closed,
  connect,
  eventually,
  messages,
  nextMessage,
  startTestGateway,
  type TestGateway,
} from './support.js';

const KiB = 1024;

describe('local WebSocket gateway: messages', () => {
  let t: TestGateway;
  afterEach(() => t?.gateway.close());

  it('sends the body $default returns back to the client', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.send('{"action":"ping"}');
    expect(await nextMessage(ws)).toBe('echo:{"action":"ping"}');
    ws.close();
  });

  it('sends nothing back when $default returns no body', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    const received: string[] = [];
    ws.on('message', (data: Buffer) => received.push(data.toString()));
    ws.send('silent');
    ws.send('after');
    await eventually(() => received.length === 1);
    expect(received).toEqual(['echo:after']);
    ws.close();
  });

  it("hands one connection's messages to the handler in the order they were sent", async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    const replies = messages(ws, 100);
    const sent = Array.from({ length: 100 }, (_, i) => `m${i}`);
    for (const body of sent) ws.send(body);
    expect(await replies).toEqual(sent.map((body) => `echo:${body}`));
    expect(t.route('$default').map((e) => e.body)).toEqual(sent);
    ws.close();
  });

  it('answers a throwing handler with AWS\'s "Internal server error" message and keeps the connection', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.send('throw');
    const reply = JSON.parse(await nextMessage(ws));
    const [event] = t.route('$default');
    expect(reply).toEqual({
      message: 'Internal server error',
      connectionId: event?.requestContext.connectionId,
      requestId: event?.requestContext.requestId,
    });
    expect(t.logs).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringContaining('$default') }),
    ]);
    ws.send('still here');
    expect(await nextMessage(ws)).toBe('echo:still here');
    ws.close();
  });

  it('closes with 1009 on a frame over 32 KiB and never hands it to the handler', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.send('x'.repeat(32 * KiB + 1));
    expect(await closed(ws)).toEqual({ code: 1009, reason: 'Message too big' });
    const event = await eventually(() => t.route('$disconnect')[0]);
    expect(event.requestContext).toMatchObject({
      disconnectStatusCode: 1009,
      disconnectReason: 'Message too big',
    });
    expect(t.route('$default')).toHaveLength(0);
  });

  it('accepts a frame of exactly 32 KiB', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    ws.send('y'.repeat(32 * KiB));
    expect(await nextMessage(ws)).toBe(`echo:${'y'.repeat(32 * KiB)}`);
    ws.close();
  });

  it('accepts a longer message sent in frames of 32 KiB or less, up to 128 KiB', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    const parts = ['a', 'b', 'c', 'd'].map((c) => c.repeat(32 * KiB));
    parts.forEach((part, i) => {
      ws.send(part, { fin: i === parts.length - 1 });
    });
    await nextMessage(ws);
    expect(t.route('$default')[0]?.body).toBe(parts.join(''));
    ws.close();
  });

  it('closes with 1009 on a message over 128 KiB, however it is split', async () => {
    t = await startTestGateway();
    const ws = await connect(t.gateway.url);
    for (let i = 0; i < 5; i++) ws.send('z'.repeat(30 * KiB), { fin: i === 4 });
    expect((await closed(ws)).code).toBe(1009);
    expect(t.route('$default')).toHaveLength(0);
  });
});
