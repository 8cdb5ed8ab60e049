/**
 * Watches the raw bytes of a WebSocket connection for frames and messages over AWS's limits. `ws` only
 * knows a message limit (`maxPayload`), and AWS limits frames separately: a 40 KiB message is refused
 * as one frame but accepted as two. Only frame headers are parsed; payloads are skipped, never copied.
 */
export class FrameSizeGuard {
  private readonly header = Buffer.alloc(14);
  private headerLength = 0;
  private payloadToSkip = 0;
  private messageBytes = 0;
  private tripped = false;

  constructor(
    private readonly limits: { maxFrameBytes: number; maxMessageBytes: number },
    private readonly onTooBig: () => void,
  ) {}

  /** Feeds the next chunk read from the socket (client to server, so frames are masked). */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.tripped) {
      if (this.payloadToSkip > 0) {
        const skipped = Math.min(this.payloadToSkip, chunk.length - offset);
        this.payloadToSkip -= skipped;
        offset += skipped;
        continue;
      }
      this.header[this.headerLength++] = chunk[offset++] as number;
      const needed = this.headerSize();
      if (needed !== undefined && this.headerLength === needed) this.frameHeaderComplete();
    }
  }

  private headerSize(): number | undefined {
    if (this.headerLength < 2) return undefined;
    const length7 = (this.header[1] as number) & 0x7f;
    const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
    const mask = (this.header[1] as number) & 0x80 ? 4 : 0;
    return 2 + extended + mask;
  }

  private frameHeaderComplete(): void {
    const fin = ((this.header[0] as number) & 0x80) !== 0;
    const opcode = (this.header[0] as number) & 0x0f;
    const length7 = (this.header[1] as number) & 0x7f;
    const payloadLength =
      length7 === 126
        ? this.header.readUInt16BE(2)
        : length7 === 127
          ? Number(this.header.readBigUInt64BE(2))
          : length7;
    this.headerLength = 0;
    this.payloadToSkip = payloadLength;
    // Control frames (opcode 8 and up) may arrive between the fragments of a message and do not count.
    if (opcode >= 8) return;
    if (opcode !== 0) this.messageBytes = 0;
    this.messageBytes += payloadLength;
    if (payloadLength > this.limits.maxFrameBytes || this.messageBytes > this.limits.maxMessageBytes) {
      this.tripped = true;
      this.onTooBig();
      return;
    }
    if (fin) this.messageBytes = 0;
  }
}
