import type { SmokeResult } from './smoke-suite.js';

const MARK = { passed: '✓', failed: '✗', 'not-run': '–' } as const;
const LABEL = { passed: 'pass', failed: 'FAIL', 'not-run': 'not run' } as const;

/** One line per check: mark, name, outcome, time and what it saw. */
export function formatSmokeResult({ check, status, ms, detail }: SmokeResult): string {
  const time = status === 'not-run' ? '' : ` (${Math.round(ms)} ms)`;
  return `${MARK[status]} ${check.padEnd(20)} ${LABEL[status]}${time}  ${detail}`;
}

/** The failed checks' names, for exit messages ("smoke failed: comment-push"). */
export function failedChecks(results: SmokeResult[]): string[] {
  return results.filter((r) => r.status === 'failed').map((r) => r.check);
}

/** "4 passed, 0 failed, 2 not run". */
export function summarizeSmoke(results: SmokeResult[]): string {
  const count = (status: SmokeResult['status']) => results.filter((r) => r.status === status).length;
  return `${count('passed')} passed, ${count('failed')} failed, ${count('not-run')} not run`;
}
