export type Print = (line: string) => void;

/** Numbered steps, each announced when it starts and closed with its outcome and elapsed time. */
export class Progress {
  private index = 0;
  constructor(
    private readonly print: Print,
    private readonly total: number,
  ) {}

  async step<T>(title: string, work: () => Promise<T>): Promise<T> {
    this.index += 1;
    this.print(`[${this.index}/${this.total}] ${title}`);
    const started = performance.now();
    try {
      const result = await work();
      this.print(`      ✓ ${title} (${elapsed(started)})`);
      return result;
    } catch (error) {
      this.print(`      ✗ ${title} failed after ${elapsed(started)}`);
      throw error;
    }
  }

  /** A detail line under the current step. */
  note(line: string): void {
    this.print(`      ${line}`);
  }
}

export function elapsed(started: number): string {
  const ms = performance.now() - started;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}
