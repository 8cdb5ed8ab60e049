import { WebSocket } from 'ws';
import type { ConnectionContext } from './events.js';

export interface CloseStatus {
  code: number;
  reason: string;
}

/**
 * The close status the gateway uses when it ends a connection itself. AWS documents the codes (1001 on
 * the idle and 2-hour limits, 1009 for an oversized message); the reason texts are best guesses.
 */
export const SERVER_CLOSE = {
  idle: { code: 1001, reason: 'Going away' },
  maxDuration: { code: 1001, reason: 'Going away' },
  shutdown: { code: 1001, reason: 'Going away' },
  tooBig: { code: 1009, reason: 'Message too big' },
  deleted: { code: 1000, reason: '' },
} satisfies Record<string, CloseStatus>;

/** The one reason text taken from a captured AWS $disconnect: a close frame with no status code. */
const NO_STATUS_REASON = 'Client-side close frame status not set';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ConnectionTiming {
  idleTimeoutMs: number;
  maxConnectionMs: number;
  closeGraceMs: number;
}

/**
 * One open connection: its socket, its activity clock and timeouts, and the queue that hands its
 * messages to the handler one at a time, in the order they arrived.
 */
export class GatewayConnection {
  lastActiveAt = Date.now();
  private queue: Promise<void> = Promise.resolve();
  private serverClose: CloseStatus | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly context: ConnectionContext,
    private readonly ws: WebSocket,
    private readonly timing: ConnectionTiming,
  ) {
    this.armIdleTimer(timing.idleTimeoutMs);
    this.after(timing.maxConnectionMs, () => this.close(SERVER_CLOSE.maxDuration));
  }

  get id(): string {
    return this.context.connectionId;
  }

  /** Open and not being closed by the gateway: frames may still be sent and received. */
  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.serverClose;
  }

  /** Records client activity; the idle timer reads it when it fires rather than being reset per frame. */
  touch(): void {
    this.lastActiveAt = Date.now();
  }

  /** Runs `task` after everything queued before it on this connection. */
  enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  send(data: string | Buffer, binary = false): void {
    if (this.isOpen) this.ws.send(data, { binary });
  }

  /** Closes from the server side; a client that never answers the close frame is dropped after a grace. */
  close(status: CloseStatus): void {
    if (this.serverClose || this.ws.readyState >= WebSocket.CLOSING) return;
    this.serverClose = status;
    this.ws.close(status.code, status.reason);
    this.after(this.timing.closeGraceMs, () => this.ws.terminate());
  }

  /** What $disconnect reports: the gateway's own status when it closed, else what the client sent. */
  disconnectStatus(code: number, reason: Buffer): CloseStatus {
    if (this.serverClose) return this.serverClose;
    const text = reason.toString('utf8');
    return { code, reason: text || (code === 1005 ? NO_STATUS_REASON : '') };
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private armIdleTimer(delayMs: number): void {
    this.after(delayMs, () => {
      const idleFor = Date.now() - this.lastActiveAt;
      if (idleFor >= this.timing.idleTimeoutMs) this.close(SERVER_CLOSE.idle);
      else this.armIdleTimer(this.timing.idleTimeoutMs - idleFor);
    });
  }

  private after(delayMs: number, action: () => void): void {
    // Infinity switches a limit off; Node would otherwise fire it at once (as it does past 2^31-1 ms).
    if (!Number.isFinite(delayMs)) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        action();
      },
      Math.min(delayMs, MAX_TIMER_MS),
    );
    // The server keeps the process alive; these timers alone should not.
    timer.unref();
    this.timers.add(timer);
  }
}
