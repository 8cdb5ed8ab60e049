import { createSocket } from 'node:dgram';
import { XRayTracer } from '../../src/adapters/xray/xray-tracer.js';

/** A subsegment document as it reached the daemon. */
export type Received = Record<string, unknown> & {
  id: string;
  name: string;
  parent_id: string;
  trace_id: string;
};

/** A sampled invocation's trace header, as Lambda gives one. */
export const SAMPLED = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

/**
 * A stand-in for the X-Ray daemon: a real UDP socket on loopback that keeps every segment document sent to
 * it, checking each datagram's protocol header as the daemon does. Datagrams from one socket over loopback
 * arrive in order, so a test proves nothing was sent for an untraced call by tracing one afterwards and
 * seeing it arrive first.
 */
export async function startXRayDaemon() {
  const socket = createSocket('udp4');
  const documents: Received[] = [];
  const badDatagrams: string[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (datagram) => {
    const text = datagram.toString('utf8');
    const newline = text.indexOf('\n');
    if (text.slice(0, newline) !== '{"format": "json", "version": 1}') badDatagrams.push(text);
    else documents.push(JSON.parse(text.slice(newline + 1)) as Received);
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${socket.address().port}`;
  return {
    address,
    documents,
    badDatagrams,
    /** A tracer sending here, for invocations carrying `header`, its first invocation a cold start. */
    tracer: (header: string | null = SAMPLED) => {
      let invocations = 0;
      return new XRayTracer({
        serviceName: 'blogapp',
        daemon: address,
        traceData: () =>
          header ? Object.fromEntries(header.split(';').map((field) => field.split('='))) : undefined,
        coldStart: () => invocations++ === 0,
      });
    },
    /** The first `count` documents, once they have arrived; fails after 20 s rather than hang. */
    received(count: number): Promise<Received[]> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (documents.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(documents.slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the daemon got ${documents.length} of ${count} documents in 20 s`));
        }, 20_000);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

export type XRayDaemon = Awaited<ReturnType<typeof startXRayDaemon>>;

/**
 * What X-Ray would show of a subsegment, less what differs every time (ids, times, request ids, stacks), and
 * less the answer's length unless `withLength` (the thin DynamoDB client's outputs do not carry it).
 */
export function comparable(subsegment: Record<string, unknown>, withLength = false): Record<string, unknown> {
  const { name, namespace, aws, http, error, fault, throttle, cause } = JSON.parse(
    JSON.stringify(subsegment),
  );
  const { request_id: requestId, id_2: extendedId, ...awsRest } = aws ?? {};
  const { content_length: length, ...response } = http?.response ?? {};
  if (withLength && length !== undefined) response.content_length = length;
  return {
    name,
    namespace,
    aws: { ...awsRest, has_request_id: requestId !== undefined, has_id_2: extendedId !== undefined },
    http: http?.response ? { response } : http,
    error,
    fault,
    throttle,
    exceptions: cause?.exceptions?.map((e: Record<string, unknown>) => ({
      message: e.message,
      type: e.type,
      remote: e.remote,
    })),
  };
}
