import { createSocket, type Socket } from 'node:dgram';
import type { DaemonAddress } from './daemon-address.js';
import type { SubsegmentDocument } from './subsegment.js';

/** What every datagram to the daemon starts with (X-Ray's daemon protocol). */
const HEADER = '{"format": "json", "version": 1}\n';
/** What one UDP datagram carries over IPv4, less a margin: the daemon reads nothing longer. */
const MAX_DATAGRAM_BYTES = 65_000;

/**
 * Sends finished segment documents to the X-Ray daemon, one UDP datagram each, fire and forget as X-Ray's
 * SDKs do: a lost datagram costs a subsegment, never a request. The socket is opened by the first send and
 * never keeps the process alive.
 */
export class DaemonSender {
  #socket: Socket | undefined;

  constructor(private readonly address: DaemonAddress) {}

  /**
   * Never throws: a document that cannot be sent (metadata with a cycle, a closed socket) is dropped. One too
   * long for a datagram goes without its bulk (metadata, stacks), so its timing and outcome still show.
   */
  send(document: SubsegmentDocument): void {
    try {
      let datagram = HEADER + JSON.stringify(document, bigIntsAsText);
      if (Buffer.byteLength(datagram) > MAX_DATAGRAM_BYTES) {
        datagram = HEADER + JSON.stringify(withoutBulk(document), bigIntsAsText);
        if (Buffer.byteLength(datagram) > MAX_DATAGRAM_BYTES) return;
      }
      this.#open().send(datagram, this.address.port, this.address.host);
    } catch {
      // Tracing must not fail the invocation it traces.
    }
  }

  close(): void {
    this.#socket?.close();
    this.#socket = undefined;
  }

  #open(): Socket {
    if (this.#socket) return this.#socket;
    const socket = createSocket(this.address.host.includes(':') ? 'udp6' : 'udp4');
    // Nobody to tell: the daemon is optional, and a failed send must not become an unhandled error.
    socket.on('error', () => undefined);
    socket.unref();
    this.#socket = socket;
    return socket;
  }
}

/** As X-Ray's SDK writes them: JSON has no BigInt, and a metadata value must not cost the subsegment. */
const bigIntsAsText = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? value.toString() : value;

/** The document without what can make it long: metadata, and the causes' stacks and long messages. */
function withoutBulk({ metadata: _, cause, ...document }: SubsegmentDocument): SubsegmentDocument {
  if (!cause) return document;
  const exceptions = cause.exceptions.map((e) => ({ ...e, message: e.message.slice(0, 1_000), stack: [] }));
  return { ...document, cause: { ...cause, exceptions } };
}
