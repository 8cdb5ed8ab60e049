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
  /**
   * Handshakes one client (source IP) may have waiting on $connect at once; the rest are refused with 429,
   * as AWS throttles, so a burst of handshakes cannot swamp the handler's storage and stall the REST API.
   * A browser opens one at a time (RFC 6455 §4.1); this leaves room for tools that open a hundred at once.
   */
  maxHandshakesPerClient: 100,
  /** `Host` names answered besides loopback ones (421 otherwise): see src/local/host-guard.ts. */
  allowedHosts: [] as string[],
  /**
   * What `@connections` calls must be signed with (SigV4, service `execute-api`), as AWS checks IAM's keys.
   * The default is the management client's own for loopback endpoints; the local stack sets fresh ones.
   */
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  /**
   * Off only for the bench's floor, which measures the gateway's own handling of a push without SigV4;
   * never off in the local stack, which any process on the machine can reach.
   */
  verifySignatures: true,
  /** The region in the signatures' credential scope. */
  region: 'us-east-1',
  /**
   * Handler invocations running at once ($connect, messages, $disconnect alike); the rest wait their turn.
   * Lambda would run each in a sandbox of its own; here they share one process and its embedded store.
   */
  maxConcurrentInvocations: 32,
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
