/**
 * `make reliability`: the long versions of the reliability and security suites, one after another, with
 * progress on stderr and one table of figures on stdout. Exits 1 when any suite broke a rule.
 *
 *   npx tsx reliability/run.ts                 every suite at full scale
 *   npx tsx reliability/run.ts load faults     only these (names: bad-input concurrency load faults faults-blackhole security ws-abuse)
 *   RELIABILITY_SCALE=0.2 npx tsx reliability/run.ts   everything smaller (a quick look)
 */

import { runBadInput } from './suites/bad-input.js';
import { runConcurrency } from './suites/concurrency.js';
import { runFaults } from './suites/faults.js';
import { runLoad } from './suites/load.js';
import { runSecurity } from './suites/security.js';
import { runWebSocketAbuse } from './suites/ws-abuse.js';
import { formatTable, type Progress, type SuiteResult } from './support/report.js';

const scale = Number(process.env.RELIABILITY_SCALE ?? '1');
if (!(scale > 0)) throw new Error('RELIABILITY_SCALE must be a positive number');
const n = (value: number, min = 1) => Math.max(min, Math.round(value * scale));

const suites: Record<string, (progress: Progress) => Promise<SuiteResult>> = {
  'bad-input': (progress) => runBadInput({ runs: n(3_000, 50), progress }),
  concurrency: (progress) => runConcurrency({ clients: n(40, 4), opsPerClient: n(60, 5), progress }),
  load: (progress) =>
    runLoad({ durationSeconds: n(60, 3), connections: 32, maxRequests: n(200_000, 1_000), progress }),
  faults: (progress) =>
    runFaults({
      writers: 16,
      outageSeconds: n(10, 3),
      phaseSeconds: n(10, 2),
      subscribers: n(200, 10),
      progress,
    }),
  'faults-blackhole': (progress) =>
    runFaults({
      writers: 16,
      outageSeconds: n(20, 12),
      phaseSeconds: n(10, 2),
      subscribers: n(50, 10),
      outage: 'blackhole',
      progress,
    }),
  security: (progress) => runSecurity({ progress }),
  'ws-abuse': (progress) => runWebSocketAbuse({ idleConnections: n(5_000, 100), progress }),
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Choose from: ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}

const results: SuiteResult[] = [];
const started = Date.now();
for (const [name, run] of Object.entries(suites)) {
  if (chosen.length > 0 && !chosen.includes(name)) continue;
  const suiteStarted = Date.now();
  const progress: Progress = (message) =>
    console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  progress(`${name}: starting`);
  try {
    results.push(await run(progress));
  } catch (error) {
    results.push({
      suite: name,
      inputs: 0,
      requests: 0,
      errors: 1,
      violations: [`the suite itself failed: ${(error as Error).stack ?? String(error)}`],
    });
  }
  progress(`${name}: done in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
}

console.log(`\n${formatTable(results)}\n`);
for (const result of results) {
  if (result.note) console.log(`${result.suite}: ${result.note}`);
}
const failed = results.filter((r) => r.violations.length > 0);
for (const result of failed) {
  console.log(`\n${result.suite} broke ${result.violations.length} rule(s):`);
  for (const violation of result.violations) console.log(`  - ${violation}`);
}
console.log(
  failed.length === 0 ? '\nAll suites passed.' : `\n${failed.length} suite(s) failed.`,
  `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
process.exit(failed.length === 0 ? 0 : 1);
