/** `npm run status -- --env <env>`: stack state, outputs, alarm states and each function's live version. */
import { parseCliArgs } from '../../deploy/cli-args.js';
import { runCli } from '../../deploy/cli-main.js';
import { spawnRunner } from '../../deploy/spawn-runner.js';
import { runStatus } from '../../deploy/status.js';

const USAGE = 'usage: npm run status -- --env <development|staging|production> [--region R] [--profile P]';

await runCli(USAGE, async () => {
  const parsed = parseCliArgs(process.argv.slice(2), {});
  if (!parsed) return console.log(USAGE);
  const root = process.cwd();
  await runStatus(parsed.common, {
    runner: spawnRunner({ root, stdout: process.stdout, stderr: process.stderr }),
    print: (line) => console.log(line),
    root,
  });
});
