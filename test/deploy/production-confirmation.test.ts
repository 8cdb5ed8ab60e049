import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, CommandRunner } from '../../src/deploy/command.js';
import { runDeploy } from '../../src/deploy/deploy.js';

// A terminal cannot be given to a child process in a test, so the confirmation is driven through runDeploy
// itself: a runner that records commands and answers like the CLIs, and a scripted answer to the question.
describe('production confirmation at a terminal', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'blogapp-confirm-'));
    await mkdir(join(root, 'infrastructure/aws-sam'), { recursive: true });
    await writeFile(
      join(root, 'infrastructure/aws-sam/samconfig.toml'),
      await readFile(join(import.meta.dirname, 'fixtures/samconfig.toml'), 'utf8'),
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  function recordingRunner(applyCode: number) {
    const commands: Command[] = [];
    const runner: CommandRunner = {
      dryRun: false,
      run: async (command) => {
        commands.push(command);
        const args = command.args.join(' ');
        if (command.program === 'git' && args.startsWith('rev-parse')) return ok('production\n');
        if (command.program === 'git' && args.startsWith('describe')) return ok('30dc60b1a2b3\n');
        if (args.startsWith('sts')) return ok('{"Account":"123456789012","Arn":"arn:aws:iam::1:user/me"}');
        if (args.includes('describe-stacks'))
          return { code: 254, stdout: '', stderr: 'Stack does not exist' };
        if (args.includes('--no-confirm-changeset')) return { code: applyCode, stdout: '', stderr: 'boom\n' };
        return ok('');
      },
    };
    return { runner, commands };
  }
  const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
  const deploys = (commands: Command[]) =>
    commands.filter((c) => c.program === 'sam' && c.args[0] === 'deploy').map((c) => c.args.at(-2));
  const options = {
    environment: 'production' as const,
    planOnly: false,
    autoApprove: false,
    dryRun: false,
    skipSmoke: false,
  };

  it('shows the change set, asks, and deploys nothing when the answer is not yes', async () => {
    const { runner, commands } = recordingRunner(0);
    const questions: string[] = [];
    const deploying = runDeploy(options, {
      runner,
      print: () => {},
      root,
      interactive: true,
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    });

    await expect(deploying).rejects.toThrow('Not confirmed: nothing was deployed.');
    expect(questions).toEqual(['Deploy this change set to blogapp-production? [y/N] ']);
    expect(deploys(commands)).toEqual(['--no-execute-changeset']);
  });

  it('executes the deploy after a yes', async () => {
    const { runner, commands } = recordingRunner(1);
    const deploying = runDeploy(options, {
      runner,
      print: () => {},
      root,
      interactive: true,
      confirm: async () => true,
    });

    await expect(deploying).rejects.toThrow(/sam deploy failed \(exit 1\): boom/);
    expect(deploys(commands)).toEqual(['--no-execute-changeset', '--no-confirm-changeset']);
  });
});
