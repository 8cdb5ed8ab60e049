import type { LocalWebSocketEvent, LocalWebSocketHandler } from './types.js';

/** A handler's answer as API Gateway reads it from a Lambda proxy integration. */
export interface IntegrationResponse {
  statusCode: number;
  body?: string;
  isBase64Encoded: boolean;
  headers: Record<string, string>;
}

export type Invocation =
  | { outcome: 'ok'; response: IntegrationResponse }
  | { outcome: 'error'; error: unknown }
  | { outcome: 'timeout' };

/**
 * Runs the handler the way API Gateway runs an integration: a throw is an error outcome, not an exception
 * in the gateway, and a handler that outlives the integration timeout is a timeout (it keeps running, as
 * a Lambda would, but nobody waits for it).
 */
export async function invokeHandler(
  handler: LocalWebSocketHandler,
  event: LocalWebSocketEvent,
  timeoutMs: number,
): Promise<Invocation> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Invocation>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'timeout' }), timeoutMs);
  });
  const run = (async (): Promise<Invocation> => {
    try {
      return { outcome: 'ok', response: normalize(await handler(event)) };
    } catch (error) {
      return { outcome: 'error', error };
    }
  })();
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True for the statuses that let a $connect through. */
export function isSuccess(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 300;
}

function normalize(result: unknown): IntegrationResponse {
  // No result and a bare string are both a 200, as for Lambda proxy integrations in general.
  if (result === undefined || result === null)
    return { statusCode: 200, isBase64Encoded: false, headers: {} };
  if (typeof result === 'string')
    return { statusCode: 200, body: result, isBase64Encoded: false, headers: {} };
  const structured = result as {
    statusCode?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
    headers?: Record<string, unknown>;
  };
  const statusCode = typeof structured.statusCode === 'number' ? structured.statusCode : 200;
  return {
    // An impossible status would make Node throw when writing the refusal; AWS calls that a 500.
    statusCode: Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599 ? statusCode : 500,
    ...(typeof structured.body === 'string' ? { body: structured.body } : {}),
    isBase64Encoded: structured.isBase64Encoded === true,
    headers: Object.fromEntries(
      Object.entries(structured.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    ),
  };
}

/** Framing is the gateway's to write: a handler's own length or connection header would contradict it. */
const FRAMING = new Set(['connection', 'content-length', 'transfer-encoding', 'upgrade']);

/**
 * A refusing $connect's headers as the handshake's response carries them: named as HTTP usually spells them
 * (`ws` writes them as given, so `retry-after` beside its own `Content-Type` would send two of a kind).
 */
export function refusalHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !FRAMING.has(name))
      .map(([name, value]) => [name.replace(/(^|-)([a-z])/g, (_, dash, c) => dash + c.toUpperCase()), value]),
  );
}
