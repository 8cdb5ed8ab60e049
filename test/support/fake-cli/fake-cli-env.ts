import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeResponse {
  /** A string is written as is; anything else as JSON, as the AWS CLI prints with `--output json`. */
  stdout?: unknown;
  stderr?: string;
  code?: number;
}

/** Answers the calls whose argv contains every word of `match`; the n-th such call gets `responses[n]`. */
export interface FakeRule {
  match: string[];
  responses: FakeResponse[];
}

export type FakeProgram = 'sam' | 'aws' | 'git';
export type Scenario = Partial<Record<FakeProgram, FakeRule[]>>;

export interface FakeCall {
  program: FakeProgram;
  args: string[];
  cwd: string;
}

export interface FakeCliEnvironment {
  /** A project root holding the given samconfig.toml, for the CLI to run in. */
  projectDir: string;
  /** PATH (only the fakes and node) and the variables the fakes read. */
  env: Record<string, string>;
  /** Every call the fakes received, in order. */
  calls(): Promise<FakeCall[]>;
  cleanup(): Promise<void>;
}

const fakesDir = import.meta.dirname;

/**
 * A temporary project and a PATH of nothing but `node` and the chosen fakes, so a test sees exactly which
 * commands the CLI ran (and a program left out is missing, as on a machine without it).
 */
export async function fakeCliEnvironment(
  scenario: Scenario,
  { samconfig, programs = ['sam', 'aws', 'git'] }: { samconfig: string; programs?: FakeProgram[] },
): Promise<FakeCliEnvironment> {
  const dir = await mkdtemp(join(tmpdir(), 'blogapp-fake-cli-'));
  const bin = join(dir, 'bin');
  const projectDir = join(dir, 'project');
  await mkdir(bin);
  await mkdir(join(projectDir, 'infrastructure/aws-sam'), { recursive: true });
  await writeFile(join(projectDir, 'infrastructure/aws-sam/samconfig.toml'), samconfig);
  await symlink(process.execPath, join(bin, 'node'));
  for (const program of programs) await symlink(join(fakesDir, program), join(bin, program));
  const scenarioFile = join(dir, 'scenario.json');
  await writeFile(scenarioFile, JSON.stringify(scenario));
  const logFile = join(dir, 'calls.jsonl');
  return {
    projectDir,
    env: { PATH: bin, FAKE_CLI_SCENARIO: scenarioFile, FAKE_CLI_LOG: logFile },
    calls: async () => {
      const text = await readFile(logFile, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as FakeCall);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
