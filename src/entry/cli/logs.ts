/** `npm run logs -- --env <env> [--follow] [--function api|websocket|comment-stream|broadcast]`. */
import { parseCliArgs } from '../../deploy/cli-args.js';
import { runCli } from '../../deploy/cli-main.js';
import { runLogs } from '../../deploy/logs.js';
import { spawnRunner } from '../../deploy/spawn-runner.js';

const USAGE = `usage: npm run logs -- --env <development|staging|production> [options]
  --follow, -f        keep streaming new lines
  --function NAME     one function: api, websocket, comment-stream or broadcast (default: all)
  --region R, --profile P   override samconfig.toml's`;

await runCli(USAGE, async () => {
  const parsed = parseCliArgs(process.argv.slice(2), {
    follow: { type: 'boolean', short: 'f' },
    function: { type: 'string' },
  });
  if (!parsed) return console.log(USAGE);
  const root = process.cwd();
  return runLogs(
    {
      ...parsed.common,
      follow: parsed.values.follow ?? false,
      ...(parsed.values.function ? { function: parsed.values.function } : {}),
    },
    { runner: spawnRunner({ root, stdout: process.stdout, stderr: process.stderr }), root },
  );
});
