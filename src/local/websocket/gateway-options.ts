/**
 * Every knob of the local WebSocket gateway with its default, in one object (as serverless-offline keeps
 * its `defaultOptions`), so what the emulator does is readable in one place. The limits are AWS's own
 * quotas for WebSocket APIs, so code that works here does not break on the first message in AWS.
 */
export const localWebSocketGatewayDefaults = {
  /** The contract's local WebSocket port. */
  port: 3001,
  host: '127.0.0.1',
  /** The stage name in the management endpoint (`/<stage>/@connections/{id}`) and in every event. */
  stage: 'local',
  /** `requestContext.apiId` in every event. */
  apiId: 'local',
  /** AWS closes a connection that has been idle for 10 minutes. */
  idleTimeoutMs: 10 * 60 * 1000,
  /** AWS closes every connection after 2 hours, active or not. */
  maxConnectionMs: 2 * 60 * 60 * 1000,
  /** AWS's frame limit: a longer message must arrive in several frames. */
  maxFrameBytes: 32 * 1024,
  /** AWS's message limit, for client messages and for PostToConnection bodies alike. */
  maxMessageBytes: 128 * 1024,
  /** Bounds open plus handshaking connections so a flood of idle sockets cannot exhaust the machine. */
  maxConnections: 10_000,
  /** AWS gives an integration 29 s; a hung handler must not wedge a connection's message queue. */
  integrationTimeoutMs: 29_000,
  /** How long a server-side close waits for the client's close frame before dropping the socket. */
  closeGraceMs: 1_000,
};

export type LocalWebSocketGatewayOptions = typeof localWebSocketGatewayDefaults;

/** The defaults with the caller's overrides on top. */
export function resolveGatewayOptions(
  overrides: Partial<LocalWebSocketGatewayOptions> = {},
): LocalWebSocketGatewayOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...localWebSocketGatewayDefaults, ...defined };
}
