/**
 * `make bench` (and `make bench-quick` with --quick): measures cold start, throughput, fan-out, DynamoDB calls
 * per route and the FastAPI peer, each beside its floor on this machine, prints the table and writes
 * bench/results/latest.md (quick runs: bench/results/quick.md).
 * Options: --quick, --dist <dir> (default dist/lambda), --out <file>, --only <measures> (comma-separated,
 * from MEASURES: a partial run writes bench/results/only.md unless --out says otherwise, never latest.md).
 */
import { parseArgs } from 'node:util';
import { MEASURES, type MeasureName, runBench } from './bench.js';
import { consoleProgress } from './lib/progress.js';
import { renderTable } from './lib/report.js';
import { FULL, QUICK } from './lib/scale.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist/lambda' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
const scale = values.quick ? QUICK : FULL;
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(MEASURES as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(
    `--only: no measure named ${unknown.join(', ')}; choose from ${MEASURES.join(', ')}\n`,
  );
  process.exit(2);
}
const outFile = values.out ?? `bench/results/${only ? 'only' : values.quick ? 'quick' : 'latest'}.md`;

const report = await runBench({
  scale,
  progress: consoleProgress(),
  distDir: values.dist,
  outFile,
  ...(only ? { only: only as MeasureName[] } : {}),
});
process.stdout.write(`\n${renderTable(report.results.flatMap((result) => result.rows))}\n\n`);
process.stdout.write(`Written to ${outFile} (${report.seconds.toFixed(0)} s).\n`);
