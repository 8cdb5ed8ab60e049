/**
 * `make rehearse`: a deploy rehearsal on emulated AWS (moto_server on a free loopback port). See
 * scripts/rehearsal/rehearse.ts for what it does and checks; DEPLOYMENT.md shows its output.
 */
import { rehearse } from './rehearsal/rehearse.js';

const started = performance.now();
try {
  await rehearse((line) => console.log(line));
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.error(`\n✗ rehearsal failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
