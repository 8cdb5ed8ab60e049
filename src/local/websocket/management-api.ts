import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GatewayConnection, SERVER_CLOSE } from './gateway-connection.js';
import type { SignatureRefusal } from './sigv4-verifier.js';

export interface ManagementApiDeps {
  stage: string;
  maxMessageBytes: number;
  findConnection(connectionId: string): GatewayConnection | undefined;
  /** Null when the request's SigV4 signature holds (the body is part of what was signed). */
  verifySignature(req: IncomingMessage, body: Buffer): Promise<SignatureRefusal | null>;
}

// The SDK puts the endpoint's path (the stage) in front of `/@connections/{id}`; bare paths are accepted too.
const CONNECTION_PATH = /^\/(?:([^/]+)\/)?@connections\/([^/]+)$/;

/**
 * API Gateway's management API (`@connections`) as `ApiGatewayManagementApiClient` speaks it: rest-json,
 * errors named by the `x-amzn-ErrorType` header, which is what the SDK maps to its exception classes.
 * Every call must be SigV4-signed with the gateway's credentials, else 403, as AWS checks IAM's.
 */
export async function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ManagementApiDeps,
): Promise<void> {
  const match = CONNECTION_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
  const connectionId =
    match && (match[1] === undefined || match[1] === deps.stage) ? decode(match[2]) : undefined;
  const body = await readBody(req, deps.maxMessageBytes);
  // A body past the limit was not kept, so its signature cannot be checked: refused either way.
  const refused = body === 'too-large' ? null : await deps.verifySignature(req, body);
  if (refused) return reply(res, 403, { message: refused.message }, refused.errorType);
  if (connectionId === undefined) return reply(res, 404, { message: 'Not Found' }, 'NotFoundException');
  const connection = deps.findConnection(connectionId);

  if (req.method === 'POST') {
    if (body === 'too-large') {
      return reply(res, 413, { message: 'Payload too large' }, 'PayloadTooLargeException');
    }
    if (!connection?.isOpen) return gone(res);
    // AWS delivers PostToConnection data as a text frame, whatever the bytes are.
    connection.send(body);
    return reply(res, 200);
  }
  if (req.method === 'GET') {
    if (!connection) return gone(res);
    return reply(res, 200, {
      connectedAt: new Date(connection.context.connectedAt).toISOString(),
      identity: connection.context.identity,
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    });
  }
  if (req.method === 'DELETE') {
    if (!connection) return gone(res);
    connection.close(SERVER_CLOSE.deleted);
    return reply(res, 204);
  }
  return reply(res, 404, { message: 'Not Found' }, 'NotFoundException');
}

function decode(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Reads the body up to `limit` bytes; past it the rest is read and dropped, so the client can finish
 * sending and then read the 413 instead of seeing its connection reset mid-upload.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
}

function gone(res: ServerResponse): void {
  reply(res, 410, { message: 'Gone' }, 'GoneException');
}

function reply(res: ServerResponse, status: number, body?: unknown, errorType?: string): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  res.end(text);
}
