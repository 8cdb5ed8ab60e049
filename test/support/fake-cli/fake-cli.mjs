// The behaviour behind the fake `sam`, `aws` and `git` executables beside this file, which the deploy CLI's
// tests put first on PATH. Each call appends {program, args, cwd} as a JSON line to $FAKE_CLI_LOG, then answers
// from the scenario in $FAKE_CLI_SCENARIO: the first rule of that program whose `match` words all appear in
// argv answers; its n-th matching call gets `responses[n]` (the last one repeats), so a stack can be absent
// before the deploy and present after it. No rule matching is an error, so an unexpected call fails the test.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export function run(program) {
  const args = process.argv.slice(2);
  const logFile = process.env.FAKE_CLI_LOG;
  const earlier =
    logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : [];
  if (logFile) appendFileSync(logFile, `${JSON.stringify({ program, args, cwd: process.cwd() })}\n`);

  const scenario = JSON.parse(readFileSync(process.env.FAKE_CLI_SCENARIO ?? '', 'utf8'));
  const rules = scenario[program] ?? [];
  const matches = (rule, argv) => rule.match.every((word) => argv.includes(word));
  const rule = rules.find((r) => matches(r, args));
  if (!rule) {
    process.stderr.write(`fake ${program}: no scenario rule for: ${args.join(' ')}\n`);
    process.exit(99);
  }
  const callsBefore = earlier
    .map((line) => JSON.parse(line))
    .filter((call) => call.program === program && rules.find((r) => matches(r, call.args)) === rule).length;
  const response = rule.responses[Math.min(callsBefore, rule.responses.length - 1)];
  const { stdout = '', stderr = '', code = 0 } = response;
  process.stdout.write(typeof stdout === 'string' ? stdout : `${JSON.stringify(stdout, null, 2)}\n`);
  process.stderr.write(stderr);
  process.exitCode = code;
}
