import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, managementClient, nextMessage, startTestGateway, type TestGateway } from './support.js';

describe('local WebSocket gateway under load', () => {
  let t: TestGateway;
  afterEach(() => t?.gateway.close());

  it('holds 500 connections and delivers a push to each', async () => {
    // Prepare
    // Not a test of the per-client handshake bound: all 500 come from this one client at once.
    t = await startTestGateway({ maxHandshakesPerClient: 500 });
    const clients = await Promise.all(Array.from({ length: 500 }, () => connect(t.gateway.url)));
    expect(t.gateway.connectionCount()).toBe(500);
    const ids = t.route('$connect').map((e) => e.requestContext.connectionId);
    const received = clients.map((ws) => nextMessage(ws));
    const client = managementClient(t.gateway.managementEndpoint);
    // Act
    try {
      await Promise.all(
        ids.map((id) => client.send(new PostToConnectionCommand({ ConnectionId: id, Data: `to ${id}` }))),
      );
    } finally {
      client.destroy();
    }
    // Assess: each client got the push addressed to it.
    const frames = await Promise.all(received);
    const idsByClient = frames.map((frame) => frame.slice(3));
    expect(new Set(idsByClient).size).toBe(500);
    expect(idsByClient.sort()).toEqual([...ids].sort());
    await t.gateway.close();
    expect(t.route('$disconnect')).toHaveLength(500);
  });
});
