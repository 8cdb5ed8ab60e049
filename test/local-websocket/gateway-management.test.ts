import {
  type ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalWebSocketHandler } from '../../src/local/websocket/types.js';
import {
  closed,
  connect,
  eventually,
  managementClient,
  nextMessage,
  signedFetch,
  startTestGateway,
  type TestGateway,
} from './support.js';

describe('local WebSocket gateway: @connections with the real ApiGatewayManagementApiClient', () => {
  let t: TestGateway;
  let client: ApiGatewayManagementApiClient;
  afterEach(async () => {
    client?.destroy();
    await t?.gateway.close();
  });

  async function openConnection() {
    const ws = await connect(t.gateway.url, undefined, { headers: { 'User-Agent': 'blogapp-test/1.0' } });
    const id = t.route('$connect').at(-1)?.requestContext.connectionId as string;
    return { ws, id };
  }

  it('answers with the stage in the endpoint, as AWS does', async () => {
    t = await startTestGateway();
    expect(t.gateway.managementEndpoint).toBe(`http://127.0.0.1:${t.gateway.port}/local`);
    expect(t.gateway.url).toBe(`ws://127.0.0.1:${t.gateway.port}`);
  });

  it('PostToConnection delivers the bytes to the client as a text frame', async () => {
    // Prepare
    t = await startTestGateway();
    client = managementClient(t.gateway.managementEndpoint);
    const { ws, id } = await openConnection();
    const frame = new Promise<{ text: string; isBinary: boolean }>((resolve) =>
      ws.once('message', (data: Buffer, isBinary) => resolve({ text: data.toString(), isBinary })),
    );
    // Act
    const result = await client.send(
      new PostToConnectionCommand({ ConnectionId: id, Data: JSON.stringify({ type: 'broadcast' }) }),
    );
    // Assess
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(await frame).toEqual({ text: '{"type":"broadcast"}', isBinary: false });
    ws.close();
  });

  it('GetConnection describes the connection', async () => {
    t = await startTestGateway();
    client = managementClient(t.gateway.managementEndpoint);
    const { ws, id } = await openConnection();
    ws.send('hello');
    await nextMessage(ws);
    const info = await client.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(info.ConnectedAt?.getTime()).toBe(
      // The wire format has millisecond precision, like connectedAt in the events.
      t.route('$connect')[0]?.requestContext.connectedAt,
    );
    expect(info.LastActiveAt?.getTime()).toBeGreaterThanOrEqual(info.ConnectedAt?.getTime() ?? Number.NaN);
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'blogapp-test/1.0' });
    ws.close();
  });

  it('DeleteConnection closes the socket, fires $disconnect, and the id is gone afterwards', async () => {
    t = await startTestGateway();
    client = managementClient(t.gateway.managementEndpoint);
    const { ws, id } = await openConnection();
    const status = closed(ws);
    const result = await client.send(new DeleteConnectionCommand({ ConnectionId: id }));
    expect(result.$metadata.httpStatusCode).toBe(204);
    expect((await status).code).toBe(1000);
    const event = await eventually(() => t.route('$disconnect', id)[0]);
    expect(event.requestContext.disconnectStatusCode).toBe(1000);
    await expect(
      client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'late' })),
    ).rejects.toBeInstanceOf(GoneException);
    await expect(client.send(new GetConnectionCommand({ ConnectionId: id }))).rejects.toBeInstanceOf(
      GoneException,
    );
  });

  it('PostToConnection to an unknown id throws GoneException', async () => {
    t = await startTestGateway();
    client = managementClient(t.gateway.managementEndpoint);
    const error = await client
      .send(new PostToConnectionCommand({ ConnectionId: 'NoSuchConnId0A=', Data: 'x' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoneException);
    expect((error as GoneException).$metadata.httpStatusCode).toBe(410);
  });

  it('PostToConnection over 128 KiB throws PayloadTooLargeException and the connection stays', async () => {
    t = await startTestGateway();
    client = managementClient(t.gateway.managementEndpoint);
    const { ws, id } = await openConnection();
    await expect(
      client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x'.repeat(128 * 1024 + 1) })),
    ).rejects.toBeInstanceOf(PayloadTooLargeException);
    const frame = nextMessage(ws);
    await client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'x'.repeat(128 * 1024) }));
    expect((await frame).length).toBe(128 * 1024);
    ws.close();
  });

  it('lets a handler push to its own connection while its message is being handled', async () => {
    let push: ApiGatewayManagementApiClient | undefined;
    const pushing = (): LocalWebSocketHandler => async (event) => {
      if (event.requestContext.routeKey !== '$default') return { statusCode: 200 };
      await push?.send(
        new PostToConnectionCommand({ ConnectionId: event.requestContext.connectionId, Data: 'pushed' }),
      );
      return { statusCode: 200, body: 'replied' };
    };
    t = await startTestGateway({}, pushing);
    client = push = managementClient(t.gateway.managementEndpoint);
    const ws = await connect(t.gateway.url);
    const frames = new Promise<string[]>((resolve) => {
      const got: string[] = [];
      ws.on('message', (data: Buffer) => {
        got.push(data.toString());
        if (got.length === 2) resolve(got);
      });
    });
    ws.send('go');
    expect(await frames).toEqual(['pushed', 'replied']);
    ws.close();
  });

  it('serves @connections without the stage too, and 404s other paths with JSON', async () => {
    t = await startTestGateway();
    const { ws, id } = await openConnection();
    const frame = nextMessage(ws);
    const bare = await signedFetch(
      `http://127.0.0.1:${t.gateway.port}/@connections/${encodeURIComponent(id)}`,
      { method: 'POST', body: 'bare' },
    );
    expect(bare.status).toBe(200);
    expect(await frame).toBe('bare');
    const unknown = await signedFetch(`http://127.0.0.1:${t.gateway.port}/@connections/nope`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(410);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('GoneException');
    expect(await unknown.json()).toEqual({ message: 'Gone' });
    const other = await signedFetch(`http://127.0.0.1:${t.gateway.port}/elsewhere`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ message: 'Not Found' });
    const wrongStage = await signedFetch(
      `http://127.0.0.1:${t.gateway.port}/prod/@connections/${encodeURIComponent(id)}`,
    );
    expect(wrongStage.status).toBe(404);
    ws.close();
  });
});
