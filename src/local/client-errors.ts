import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';

/**
 * What Node's HTTP parser refuses before the app sees a request — an unknown method, a header value with a
 * space or control character in it, headers past Node's 16 KiB — answered in the contract's error shape,
 * with a request id, instead of Node's bare `400 Bad Request` (API Gateway answers these itself in AWS).
 */
export function answerClientErrors(server: {
  on(event: 'clientError', listener: (error: NodeJS.ErrnoException, socket: Duplex) => void): unknown;
}): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection reset or timed out has nobody left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const [status, reason, code, message] = tooLarge
      ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are over 16 KiB.']
      : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP/1.1 (its method or a header).'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${randomUUID()}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
