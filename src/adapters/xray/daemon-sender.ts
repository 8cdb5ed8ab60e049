import { createSocket, type Socket } from 'node:dgram';
import type { DaemonAddress } from './daemon-address.js';

/** What every datagram to the daemon starts with (X-Ray's daemon protocol). */
const HEADER = '{"format": "json", "version": 1}\n';

/**
 * Sends finished segment documents to the X-Ray daemon, one UDP datagram each, fire and forget as X-Ray's
 * SDKs do: a lost datagram costs a subsegment, never a request. The socket is opened by the first send and
 * never keeps the process alive.
 */
export class DaemonSender {
  #socket: Socket | undefined;

  constructor(private readonly address: DaemonAddress) {}

  /** Never throws: a document that cannot be sent (metadata with a cycle, a closed socket) is dropped. */
  send(document: object): void {
    try {
      this.#open().send(
        HEADER + JSON.stringify(document, bigIntsAsText),
        this.address.port,
        this.address.host,
      );
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
