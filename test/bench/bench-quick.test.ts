import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../../bench/bench.js';
import { silentProgress } from '../../bench/lib/progress.js';
import { QUICK } from '../../bench/lib/scale.js';

// `make bench` at a tiny scale, so the benchmark code cannot rot. No timing is asserted: only that every
// measurement runs and the report holds its table. Bundles are built fresh into a scratch directory.
describe('bench-quick', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs every measurement and writes the results table', async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), 'blogapp-bench-quick-'));
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
      'Warm req/s, GET /api/posts/{id}',
      'Warm req/s, GET /api/posts',
      'Peer: fresh process → first response',
      'Fan-out: one comment → 20 subscribers',
      'Cost sketch',
    ]) {
      expect(markdown).toContain(measure);
    }
    const targeted = report.results.flatMap((result) => result.rows).filter((row) => row.target);
    expect(targeted.every((row) => Number.isFinite(row.value))).toBe(true);
    expect(markdown).toMatch(/Node\.js v\d+/);
  }, 240_000);
});
