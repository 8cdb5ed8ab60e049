/**
 * Many waits of the same length under one timer. A fan-out gives every push the same timeout; a timer armed
 * and cleared per push costs more than the push's own bookkeeping, so waits are kept in the order they
 * began (which, with one length for all, is the order they expire in) and one timer is armed for the
 * oldest: when it fires, every wait past its deadline expires and the timer is armed again for the next.
 */
export class Deadlines<T> {
  /** Insertion order is expiry order: every wait has the same length. */
  private readonly waiting = new Map<Wait<T>, true>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the armed timer fires; `Infinity` when none is armed. */
  private firesAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly ms: number,
    private readonly expire: (item: T) => void,
  ) {}

  /** Starts a wait for `item`; unless ended first, `expire(item)` runs once `ms` have passed. */
  start(item: T): Wait<T> {
    const wait: Wait<T> = { item, deadline: Date.now() + this.ms };
    this.waiting.set(wait, true);
    if (this.firesAt === Number.POSITIVE_INFINITY) this.arm(wait.deadline);
    // The timer keeps the process alive only while something waits, as a per-wait timer would. Armed
    // first, so the very first wait refs a timer too: the optimiser has then seen this call by the time a
    // later batch's first wait makes it, and does not throw away the caller's optimised code for it.
    if (this.waiting.size === 1) this.timer?.ref();
    return wait;
  }

  /** Ends a wait before its deadline: its item does not expire. */
  end(wait: Wait<T>): void {
    if (!this.waiting.delete(wait)) return;
    // Let go of the item: the caller's closures keep the wait a while after it ends, and an item held on
    // past its end (a push's request, and its socket's parser through it) survives young-generation
    // collections into the old one, which then needs full collections: 5 instead of 1 in 50,000 pushes.
    (wait as MutableWait<T>).item = undefined;
    if (this.waiting.size === 0) this.timer?.unref();
  }

  private arm(at: number): void {
    this.firesAt = at;
    // One may be armed already: an expiry started a wait while the sweep was running.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sweep(), Math.max(0, at - Date.now()));
  }

  private sweep(): void {
    this.firesAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    for (const wait of this.waiting.keys()) {
      if (wait.deadline > now) {
        this.arm(wait.deadline);
        return;
      }
      this.waiting.delete(wait);
      const { item } = wait;
      (wait as MutableWait<T>).item = undefined;
      this.expire(item as T);
    }
    // Nothing waits: the spent timer is left as it is, holding nothing up.
  }
}

/** One wait started by `Deadlines.start`; its item is let go once it has ended or expired. */
export interface Wait<T> {
  readonly item: T | undefined;
  readonly deadline: number;
}

type MutableWait<T> = { -readonly [K in keyof Wait<T>]: Wait<T>[K] };
