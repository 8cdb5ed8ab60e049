import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../bench/bench.js';
import { silentProgress } from '../../bench/lib/progress.js';
import { verdict } from '../../bench/lib/result.js';
import { QUICK } from '../../bench/lib/scale.js';

// `make bench` at a tiny scale, so the benchmark code cannot rot. No timing is asserted: only that every
// measurement runs and the report holds its table. Bundles are built fresh into a scratch directory.
describe('bench-quick', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-bench-quick-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs every measurement and writes the results table', async () => {
    // Prepare
    const outFile = join(dir, 'quick.md');
    // Act
    const report = await runBench({
      scale: QUICK,
      progress: silentProgress,
      distDir: join(dir, 'dist'),
      outFile,
    });
    // Assess
    const markdown = await readFile(outFile, 'utf8');
    // The header row, however Biome pads the columns.
    expect(markdown).toMatch(
      /\| measure +\| ours +\| floor \/ peer +\| ratio or value \| target +\| result +\| notes +\|/,
    );
    for (const measure of [
      'Bundle ApiFunction',
      'Cold start: process start → first response',
      'Cold start: RSS',
      'DynamoDB commands per route',
      'Lambda handler in-process',
      'as deployed: CPU time per event',
      'Warm req/s, GET /api/posts/{id}',
      'Warm req/s, GET /api/posts',
      'ours ÷ minimal Hono sending our headers after one await',
      'Warm CPU per request, GET /api/posts/{id}: ours ÷ minimal Hono',
      'Peer: fresh process → first response',
      'Fan-out: one comment → 20 subscribers',
      'unsigned keep-alive POSTs to @connections',
      'Fan-out to 20, ÷ a bare ws send loop',
      'Cost sketch',
      'A favorites page: two reads, or a copy of each post in every favorite',
    ]) {
      expect(markdown).toContain(measure);
    }
    const rows = report.results.flatMap((result) => result.rows);
    const targeted = rows.filter((row) => row.target);
    expect(targeted.every((row) => Number.isFinite(row.value))).toBe(true);
    // Counts, not timings: every route keeps its DynamoDB rule at any scale, so a regression fails here.
    const calls = rows.find((row) => row.measure.startsWith('DynamoDB commands per route'));
    expect(calls && verdict(calls)).toBe('met');
    expect(markdown).toMatch(/Node\.js v\d+/);
  }, 240_000);

  it('runs only the measures --only names, into the file it is given', async () => {
    // Prepare
    const outFile = join(dir, 'only.md');
    // Act
    const report = await runBench({
      scale: QUICK,
      progress: silentProgress,
      distDir: join(dir, 'dist'),
      outFile,
      only: ['fanout'],
    });
    // Assess
    const measures = report.results.flatMap((result) => result.rows).map((row) => row.measure);
    expect(measures).toEqual([
      'Fan-out: one comment → 5 subscribers, until the last has it',
      "Fan-out to 5: CPU time of the process, ÷ the unsigned POSTs' (informative)",
      'Fan-out to 5, ÷ a bare ws send loop (informative)',
      'Fan-out: one comment → 20 subscribers, until the last has it',
      "Fan-out to 20: CPU time of the process, ÷ the unsigned POSTs' (informative)",
      'Fan-out to 20, ÷ a bare ws send loop (informative)',
    ]);
    const markdown = await readFile(outFile, 'utf8');
    expect(markdown).toContain('unsigned keep-alive POSTs to @connections');
    expect(markdown).not.toContain('Cold start');
  }, 120_000);
});
