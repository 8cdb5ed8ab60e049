/**
 * `make bench` (and `make bench-quick` with --quick): measures cold start, throughput, fan-out, DynamoDB calls
 * per route and the FastAPI peer, each beside its floor on this machine, prints the table and writes
 * bench/results/latest.md (quick runs: bench/results/quick.md).
 * Options: --quick, --dist <dir> (default dist/lambda), --out <file>, --only <names> (comma-separated, of
 * bundle, cold, dynamodb, lambda, http, peer, fanout: only those run, written to bench/results/partial.md
 * unless --out says otherwise, so a partial run never replaces the full table).
 */
import { parseArgs } from 'node:util';
import { MEASURES, type Measure, runBench } from './bench.js';
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
const only = values.only === undefined ? undefined : new Set(values.only.split(',').map(measureNamed));
const name = only ? 'partial' : values.quick ? 'quick' : 'latest';
const outFile = values.out ?? `bench/results/${name}.md`;

const report = await runBench({ scale, progress: consoleProgress(), distDir: values.dist, outFile, only });
process.stdout.write(`\n${renderTable(report.results.flatMap((result) => result.rows))}\n\n`);
process.stdout.write(`Written to ${outFile} (${report.seconds.toFixed(0)} s).\n`);

function measureNamed(text: string): Measure {
  const name = text.trim() as Measure;
  if (MEASURES.includes(name)) return name;
  process.stderr.write(`--only: no measurement "${text}"; choose from ${MEASURES.join(', ')}\n`);
  process.exit(2);
}
