import { describe, expect, it } from 'vitest';
import { FrameSizeGuard } from '../../src/local/websocket/frame-size-guard.js';

/** A masked client frame as a WebSocket client puts it on the wire. */
function frame(opcode: number, payloadLength: number, fin = true): Buffer {
  const length =
    payloadLength < 126
      ? Buffer.from([0x80 | payloadLength])
      : payloadLength < 65_536
        ? Buffer.from([0x80 | 126, payloadLength >> 8, payloadLength & 0xff])
        : (() => {
            const b = Buffer.alloc(9);
            b[0] = 0x80 | 127;
            b.writeBigUInt64BE(BigInt(payloadLength), 1);
            return b;
          })();
  return Buffer.concat([
    Buffer.from([(fin ? 0x80 : 0) | opcode]),
    length,
    Buffer.from([1, 2, 3, 4]),
    Buffer.alloc(payloadLength, 7),
  ]);
}

function run(
  stream: Buffer,
  chunkSize: number,
  limits = { maxFrameBytes: 100, maxMessageBytes: 250 },
): boolean {
  let tripped = false;
  const guard = new FrameSizeGuard(limits, () => {
    tripped = true;
  });
  for (let i = 0; i < stream.length; i += chunkSize) guard.push(stream.subarray(i, i + chunkSize));
  return tripped;
}

describe('FrameSizeGuard', () => {
  it.each([1, 3, 1000])(
    'lets frames and messages within the limits through (chunks of %i bytes)',
    (chunk) => {
      const stream = Buffer.concat([
        frame(1, 100),
        frame(2, 0),
        frame(1, 100, false),
        frame(9, 50), // a ping between fragments does not count toward the message
        frame(0, 100, false),
        frame(0, 50),
        frame(1, 100),
      ]);
      expect(run(stream, chunk)).toBe(false);
    },
  );

  it.each([1, 7, 1000])('trips on a frame over the frame limit (chunks of %i bytes)', (chunk) => {
    expect(run(Buffer.concat([frame(1, 10), frame(1, 101)]), chunk)).toBe(true);
  });

  it('trips on a fragmented message over the message limit', () => {
    expect(run(Buffer.concat([frame(1, 100, false), frame(0, 100, false), frame(0, 51)]), 64)).toBe(true);
  });

  it('reads 16- and 64-bit payload lengths', () => {
    const limits = { maxFrameBytes: 70_000, maxMessageBytes: 70_000 };
    expect(run(frame(2, 65_000), 4096, limits)).toBe(false);
    expect(run(frame(2, 70_001), 4096, limits)).toBe(true);
  });
});
