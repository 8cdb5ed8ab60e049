/**
 * `make rehearse`: a deploy rehearsal on emulated AWS (moto_server on a free loopback port). See
 * scripts/rehearsal/rehearse.ts for what it does and checks; DEPLOYMENT.md shows its output.
 * `--keep` (`make rehearse KEEP=1`) leaves moto_server running afterwards, to try the CLI against it by hand.
 */
import { once } from 'node:events';
import { rehearse } from './rehearsal/rehearse.js';

const keep = process.argv.includes('--keep');

async function keepRunning(endpoint: string): Promise<void> {
  console.log(`
moto_server keeps running at ${endpoint} with the stacks above. Try the CLI against it, e.g.:

  AWS_ENDPOINT_URL=${endpoint} AWS_ACCESS_KEY_ID=rehearsal AWS_SECRET_ACCESS_KEY=rehearsal AWS_REGION=us-east-1 \\
    npm run deploy -- --env production --plan-only --moto-rehearsal

Ctrl-C stops it.`);
  await once(process, 'SIGINT');
}

const started = performance.now();
try {
  await rehearse((line) => console.log(line), process.cwd(), keep ? keepRunning : undefined);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.error(`\n✗ rehearsal failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
