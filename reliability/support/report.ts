/** What every suite hands back: the figures for the runner's table and the violations a test asserts on. */
export interface SuiteResult {
  suite: string;
  /** Distinct inputs tried (generated cases, matrix cells, operations planned). */
  inputs: number;
  /** HTTP requests and WebSocket frames sent. */
  requests: number;
  /** Answers the suite did not accept (5xx, wrong shape, timeouts, wrong status). */
  errors: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Acknowledged writes not found afterwards. */
  lostWrites?: number;
  /** From storage coming back to the API answering healthy. */
  recoveryMs?: number;
  /** One line per broken rule, with the input that broke it (capped, so a bad run stays readable). */
  violations: string[];
  /** A few words of context for the table (e.g. what the counts were checked against). */
  note?: string;
}

/** Where suites report what they are doing, so a long run shows it is alive. */
export type Progress = (message: string) => void;

export const quiet: Progress = () => undefined;

const MAX_VIOLATIONS = 50;

/** Collects violations, keeping the first few in full and counting the rest. */
export class Violations {
  readonly list: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.list.length < MAX_VIOLATIONS) this.list.push(message);
    else this.dropped++;
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  toArray(): string[] {
    return this.dropped > 0 ? [...this.list, `… and ${this.dropped} more`] : [...this.list];
  }
}

/** Renders results as one fixed-width table. */
export function formatTable(results: SuiteResult[]): string {
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
  const num = (value: number | undefined) => (value === undefined ? '—' : String(value));
  const header = ['suite', 'inputs', 'requests', 'errors', 'p50', 'p99', 'lost writes', 'recovery', 'result'];
  const rows = results.map((r) => [
    r.suite,
    num(r.inputs),
    num(r.requests),
    num(r.errors),
    ms(r.p50Ms),
    ms(r.p99Ms),
    num(r.lostWrites),
    ms(r.recoveryMs),
    r.violations.length === 0 ? 'pass' : `FAIL (${r.violations.length})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
