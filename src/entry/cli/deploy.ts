/**
 * `npm run deploy -- --env <development|staging|production>`: preflight, sam build, sam deploy, health check,
 * smoke suite, and rollback of the `live` aliases when the new version does not work. DEPLOYMENT.md tells all.
 */
import { parseCliArgs } from '../../deploy/cli-args.js';
import { runCli } from '../../deploy/cli-main.js';
import { askYesNo } from '../../deploy/confirm.js';
import { runDeploy } from '../../deploy/deploy.js';
import { dryRunRunner } from '../../deploy/dry-run-runner.js';
import { spawnRunner } from '../../deploy/spawn-runner.js';
import { smokeEnvironment } from '../../smoke/smoke-environment.js';

const USAGE = `usage: npm run deploy -- --env <development|staging|production> [options]
  --plan-only        build and show the change set, deploy nothing
  --auto-approve     production: deploy without asking (required without a terminal)
  --dry-run          print every command instead of running it
  --skip-smoke       only the health check after the deploy (no smoke suite)
  --smoke-token JWT  an ID token for the smoke suite's signed-in checks (or SMOKE_TOKEN)
  --region R, --profile P   override samconfig.toml's`;

await runCli(USAGE, async () => {
  const parsed = parseCliArgs(process.argv.slice(2), {
    'plan-only': { type: 'boolean' },
    'auto-approve': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'skip-smoke': { type: 'boolean' },
    'smoke-token': { type: 'string' },
  });
  if (!parsed) return console.log(USAGE);
  const { common, values } = parsed;
  const print = (line: string) => console.log(line);
  const root = process.cwd();
  const smokeToken = values['smoke-token'] ?? smokeEnvironment(process.env).token;
  await runDeploy(
    {
      ...common,
      planOnly: values['plan-only'] ?? false,
      autoApprove: values['auto-approve'] ?? false,
      dryRun: values['dry-run'] ?? false,
      skipSmoke: values['skip-smoke'] ?? false,
      ...(smokeToken ? { smokeToken } : {}),
    },
    {
      runner: values['dry-run']
        ? dryRunRunner(print)
        : spawnRunner({ root, stdout: process.stdout, stderr: process.stderr }),
      print,
      root,
      interactive: Boolean(process.stdin.isTTY),
      confirm: askYesNo,
    },
  );
});
