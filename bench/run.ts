/**
 * `make bench` (and `make bench-quick` with --quick): measures cold start, throughput, fan-out, DynamoDB calls
 * per route and the FastAPI peer, each beside its floor on this machine, prints the table and writes
 * bench/results/latest.md (quick runs: bench/results/quick.md).
 * Options: --quick, --dist <dir> (default dist/lambda), --out <file>.
 */
import { parseArgs } from 'node:util';
import { runBench } from './bench.js';
import { consoleProgress } from './lib/progress.js';
import { renderTable } from './lib/report.js';
import { FULL, QUICK } from './lib/scale.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    dist: { type: 'string', default: 'dist/lambda' },
    out: { type: 'string' },
  },
});
const scale = values.quick ? QUICK : FULL;
const outFile = values.out ?? `bench/results/${values.quick ? 'quick' : 'latest'}.md`;

const report = await runBench({ scale, progress: consoleProgress(), distDir: values.dist, outFile });
process.stdout.write(`\n${renderTable(report.results.flatMap((result) => result.rows))}\n\n`);
process.stdout.write(`Written to ${outFile} (${report.seconds.toFixed(0)} s).\n`);
