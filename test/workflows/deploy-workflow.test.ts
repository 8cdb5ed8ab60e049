import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  needs?: string;
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<
    string,
    {
      branches?: string[];
      workflows?: string[];
      types?: string[];
      inputs?: Record<string, { type: string; options?: string[] }>;
    } | null
  >;
  permissions: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const load = async (name: string) => {
  const source = await readFile(join('.github/workflows', name), 'utf8');
  return { source, workflow: parse(source) as Workflow };
};

/**
 * Pins what the workflows may do, so a later edit cannot silently widen who deploys where, with which
 * permissions, or with what credentials.
 */
describe('deploy workflow', () => {
  let source: string;
  let workflow: Workflow;
  let deploy: Job;
  beforeAll(async () => {
    ({ source, workflow } = await load('deploy.yml'));
    deploy = workflow.jobs.deploy as Job;
  });

  it('runs after the CI workflow completes, and on manual runs naming an environment', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['workflow_dispatch', 'workflow_run']);
    expect(workflow.on.workflow_run).toEqual({ workflows: ['CI'], types: ['completed'] });
    expect(workflow.on.workflow_dispatch?.inputs?.environment).toMatchObject({
      type: 'choice',
      options: ['development', 'staging', 'production'],
    });
  });

  it('deploys only a commit whose CI passed: the completed run’s, or a manual run’s checked first', () => {
    const target = workflow.jobs.target as Job;
    expect(target.if).toContain("github.event.workflow_run.conclusion == 'success'");
    // The commit CI tested is the one checked out and deployed.
    expect(target.steps.find((s) => s.id === 'pick')?.env?.SHA).toContain(
      'github.event.workflow_run.head_sha',
    );
    expect(deploy.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.ref).toBe(
      '${{ needs.target.outputs.sha }}',
    );
    const manual = target.steps.find((s) => s.name === 'CI passed for this commit') as Step;
    expect(manual.if).toBe("github.event_name == 'workflow_dispatch'");
    expect(manual.run).toContain('actions/workflows/ci.yml/runs?head_sha=$SHA&status=success');
  });

  it('grants the OIDC token and the pull-request comment to the deploy job only', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    // Reading CI's runs (a manual run's check) is all the target job may do.
    expect(workflow.jobs.target?.permissions).toEqual({ actions: 'read' });
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
  });

  it('assumes a role through OIDC and never uses access keys', () => {
    const credentials = deploy.steps.find((s) =>
      s.uses?.startsWith('aws-actions/configure-aws-credentials@'),
    );
    expect(credentials?.with?.['role-to-assume']).toBe('${{ secrets.AWS_DEPLOY_ROLE_ARN }}');
    expect(Object.keys(credentials?.with ?? {})).not.toContain('aws-access-key-id');
    expect(source).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/,
    );
  });

  it('deploys one environment at a time, never cancelling a deploy in flight, inside its GitHub environment', () => {
    expect(deploy.needs).toBe('target');
    expect(deploy.environment?.name).toBe('${{ needs.target.outputs.environment }}');
    expect(deploy.concurrency).toEqual({
      group: 'deploy-${{ needs.target.outputs.environment }}',
      'cancel-in-progress': false,
    });
  });

  it('keeps pull requests from forks, and pull requests not aimed at main, away from AWS', () => {
    expect(workflow.jobs.target?.if).toContain(
      'github.event.workflow_run.head_repository.full_name == github.repository',
    );
    expect(workflow.jobs.target?.if).toContain(
      "github.event.workflow_run.pull_requests[0].base.ref == 'main'",
    );
  });

  it('runs the signed-in smoke suite with the stack’s pool and lists each check in the pull request', () => {
    const smoke = deploy.steps.find((s) => s.id === 'smoke');
    expect(smoke?.run).toBe('npm run smoke -- --report smoke-report.json');
    expect(smoke?.env).toMatchObject({
      SMOKE_USER_POOL_ID: '${{ steps.outputs.outputs.user-pool-id }}',
      SMOKE_CLIENT_ID: '${{ steps.outputs.outputs.smoke-client-id }}',
    });
    const comment = deploy.steps.find((s) => s.uses?.startsWith('actions/github-script@'));
    const script = String(comment?.with?.script);
    expect(script).toContain("readFileSync('smoke-report.json'");
    expect(script).toMatch(/report\.results\.map\(\(r\) => `\| \$\{r\.check\} \| \$\{mark\[r\.status\]\}/);
    // "passed" only when the deploy and every check passed; "not run" is said, never counted as a pass.
    expect(script).toContain("count('not-run')} not run");
  });

  it('deploys through the deploy CLI, which health-checks, smoke-tests and rolls back', () => {
    const step = deploy.steps.find((s) => s.id === 'deploy');
    expect(step?.run).toMatch(/^npm run deploy -- --env "\$TARGET" /);
  });

  describe('picks the environment from the event', () => {
    let script: string;
    let env: Record<string, string>;
    beforeAll(() => {
      const pick = workflow.jobs.target?.steps.find((s) => s.id === 'pick');
      script = pick?.run ?? '';
      env = pick?.env ?? {};
      expect(Object.keys(env).sort()).toEqual(['BRANCH', 'EVENT', 'REQUESTED', 'SHA']);
    });
    const pick = async (event: string, branch: string, requested = '') => {
      const dir = await mkdtemp(join(tmpdir(), 'blogapp-pick-'));
      const output = join(dir, 'output');
      try {
        await run('bash', ['-e', '-c', script], {
          env: {
            PATH: process.env.PATH,
            EVENT: event,
            BRANCH: branch,
            REQUESTED: requested,
            SHA: 'abc1234',
            GITHUB_OUTPUT: output,
          },
        });
        return (await readFile(output, 'utf8')).trim().split('\n')[0];
      } catch (error) {
        return `refused: ${(error as { stdout?: string }).stdout?.trim()}`;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    };

    it.each([
      ['pull_request', 'feature/x', '', 'environment=development'],
      ['push', 'main', '', 'environment=staging'],
      ['push', 'production', '', 'environment=production'],
      ['workflow_dispatch', 'production', 'production', 'environment=production'],
      ['workflow_dispatch', 'main', 'development', 'environment=development'],
    ])('%s on %s (asked: %s) → %s', async (event, branch, requested, expected) => {
      expect(await pick(event, branch, requested)).toBe(expected);
    });

    it.each([
      ['push', 'feature/x', ''],
      ['workflow_dispatch', 'main', 'prod'],
      // As preflight and DEPLOYMENT.md say: production deploys from the production branch only.
      ['workflow_dispatch', 'main', 'production'],
      ['schedule', 'main', ''],
    ])('refuses %s on %s (asked: %s)', async (event, branch, requested) => {
      expect(await pick(event, branch, requested)).toMatch(/^refused: ::error::/);
    });
  });
});

describe('CI workflow', () => {
  it('runs the developer’s own commands on every pull request and push, read-only', async () => {
    const { workflow, source } = await load('ci.yml');
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.filter((s) => s.run).map((s) => s.run)).toEqual(['make test', 'make build']);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({
      cache: 'npm',
    });
    expect(source).not.toMatch(/secrets\./);
  });
});
