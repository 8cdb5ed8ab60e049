/**
 * `make test-stress`: runs the test suite N times (optionally while another process keeps one core busy)
 * and lists every test that failed at least once, with its first failure. A flaky test shows up here with
 * the message that says why, so it can be fixed at its cause rather than retried.
 *
 *   npx tsx scripts/test-stress.ts [--runs 5] [--busy] [--project check|stack] [--exclude glob] [filters...]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

interface Failure {
  runs: number[];
  message: string;
}

const { values, positionals } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    busy: { type: 'boolean', default: false },
    project: { type: 'string' },
    exclude: { type: 'string', multiple: true },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs takes a whole number ≥ 1, not ${values.runs}`);

/** A second process spinning on one core for as long as the runs last, as a busy laptop or CI host would. */
function keepACoreBusy() {
  const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  return () => spinner.kill('SIGKILL');
}

function runVitest(outputFile: string): Promise<{ code: number; stderr: string }> {
  const args = ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${outputFile}`];
  if (values.project) args.push('--project', values.project);
  for (const glob of values.exclude ?? []) args.push('--exclude', glob);
  args.push(...positionals);
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/**
 * A red run with no failed test failed on an error no test owned (an unhandled rejection, an uncaught
 * exception): the JSON report leaves it out, so it is read from Vitest's output, with the file it names.
 */
function unownedError(stderr: string): { name: string; message: string } {
  const text = stripVTControlCharacters(stderr);
  const origin = text.match(/originated in "([^"]+)"/)?.[1];
  const start = text.search(/Unhandled Errors|Uncaught Exception|Unhandled Rejection/);
  return {
    name: `${origin ?? 'the run'} › an error no test owned`,
    message: start === -1 ? text.slice(-1_500) : text.slice(start),
  };
}

const failures = new Map<string, Failure>();
let recorded = 0;
const record = (name: string, run: number, message: string) => {
  recorded++;
  const seen = failures.get(name) ?? { runs: [], message: message.split('\n').slice(0, 12).join('\n') };
  seen.runs.push(run);
  failures.set(name, seen);
};

const dir = await mkdtemp(join(tmpdir(), 'blogapp-stress-'));
const stopSpinner = values.busy ? keepACoreBusy() : () => {};
let green = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const started = Date.now();
    const outputFile = join(dir, `run-${run}.json`);
    const { code, stderr } = await runVitest(outputFile);
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as JsonReport;
    const recordedBefore = recorded;
    for (const file of report.testResults) {
      const failed = file.assertionResults.filter((t) => t.status === 'failed');
      for (const test of failed)
        record(`${file.name} › ${test.fullName}`, run, test.failureMessages.join('\n'));
      // A file can fail with no failed test: a hook, an import, an unhandled error.
      if (file.status === 'failed' && failed.length === 0) record(file.name, run, file.message ?? 'failed');
    }
    if (code !== 0 && recorded === recordedBefore) {
      const { name, message } = unownedError(stderr);
      record(name, run, message);
    }
    if (code === 0) green++;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `run ${run}/${runs}: ${code === 0 ? 'green' : `RED (${report.numFailedTests} failed)`}, ${report.numTotalTests} tests, ${seconds} s${values.busy ? ', one core kept busy' : ''}`,
    );
  }
} finally {
  stopSpinner();
  await rm(dir, { recursive: true, force: true });
}

console.log(`\n${green} of ${runs} runs green${values.busy ? ' with one core kept busy' : ''}.`);
for (const [name, { runs: failedIn, message }] of failures) {
  console.log(`\n✗ ${name}\n  failed in run(s) ${failedIn.join(', ')}\n${message.replace(/^/gm, '    ')}`);
}
process.exit(green === runs ? 0 : 1);
