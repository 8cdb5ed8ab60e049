import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { outputsFile } from '../../src/deploy/outputs-file.js';

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
  /** A reusable workflow the job calls instead of running steps. */
  uses?: string;
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
 * A step's script run by bash as the runner runs it (`-e`), with `env`, a scratch RUNNER_TEMP (`prepare` may
 * put files in it first) and GITHUB_OUTPUT; what it wrote to GITHUB_OUTPUT, a line each. Throws if it fails.
 */
async function runStep(
  script: string,
  env: Record<string, string>,
  prepare?: (runnerTemp: string) => Promise<void>,
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'blogapp-step-'));
  const output = join(dir, 'output');
  try {
    await prepare?.(dir);
    await run('bash', ['-e', '-c', script], {
      env: { PATH: process.env.PATH, ...env, RUNNER_TEMP: dir, GITHUB_OUTPUT: output },
    });
    return (await readFile(output, 'utf8')).trim().split('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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

  it('runs after the CI workflow completes, on pushes to production, and on manual runs naming an environment', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch', 'workflow_run']);
    expect(workflow.on.workflow_run).toEqual({ workflows: ['CI'], types: ['completed'] });
    expect(workflow.on.push).toEqual({ branches: ['production'] });
    expect(workflow.on.workflow_dispatch?.inputs?.environment).toMatchObject({
      type: 'choice',
      options: ['development', 'staging', 'production'],
    });
  });

  it('deploys only a commit whose CI passed: the completed run’s, or CI called first for a push or manual run', () => {
    const target = workflow.jobs.target as Job;
    expect(target.if).toContain("github.event.workflow_run.conclusion == 'success'");
    // A push to production and a manual run test their commit with the CI workflow itself, then deploy it.
    expect(workflow.jobs.ci).toMatchObject({
      uses: './.github/workflows/ci.yml',
      if: "github.event_name != 'workflow_run'",
    });
    expect(target.needs).toBe('ci');
    expect(target.if).toContain("(github.event_name != 'workflow_run' && needs.ci.result == 'success')");
    // On a workflow_run the ci job is skipped: the jobs after it say so, or GitHub skips them too.
    expect(target.if).toMatch(/^!cancelled\(\) && /);
    expect(deploy.if).toBe("!cancelled() && needs.target.result == 'success'");
    // The commit CI tested is the one checked out and deployed.
    expect(target.steps.find((s) => s.id === 'pick')?.env?.SHA).toContain(
      'github.event.workflow_run.head_sha',
    );
    expect(deploy.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.ref).toBe(
      '${{ needs.target.outputs.sha }}',
    );
  });

  it('installs exactly the committed lockfile, so the tree stays clean and the version is not -dirty', () => {
    const runs = deploy.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toContain('npm ci --no-audit --no-fund');
    expect(runs.filter((run) => /\bnpm (install|i)\b/.test(run))).toEqual([]);
  });

  it('fetches production’s tip beside the tested commit, before a production deploy', () => {
    const names = deploy.steps.map((s) => s.name ?? s.id ?? s.uses);
    const fetch = deploy.steps.find((s) => s.name === 'fetch production’s tip') as Step;
    expect(fetch.if).toBe("env.TARGET == 'production'");
    expect(fetch.run).toBe(
      'git fetch --no-tags --depth=1 origin +refs/heads/production:refs/remotes/origin/production',
    );
    expect(names.indexOf('fetch production’s tip')).toBeGreaterThan(
      deploy.steps.findIndex((s) => s.uses?.startsWith('actions/checkout@')),
    );
    expect(names.indexOf('fetch production’s tip')).toBeLessThan(names.indexOf('deploy'));
  });

  it('grants the OIDC token and the pull-request comment to the deploy job only', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.target?.permissions).toBeUndefined();
    expect(workflow.jobs.ci?.permissions).toBeUndefined();
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

  it('keeps forks, pull requests not aimed at main and pushes to other branches away from AWS after CI', () => {
    expect(workflow.jobs.target?.if).toContain(
      'github.event.workflow_run.head_repository.full_name == github.repository',
    );
    expect(workflow.jobs.target?.if).toContain(
      "(github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.pull_requests[0].base.ref == 'main')",
    );
    // After CI, only main's pushes deploy (staging): production's run on production's own ref.
    expect(workflow.jobs.target?.if).toContain(
      "(github.event.workflow_run.event == 'push' && github.event.workflow_run.head_branch == 'main')",
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

  describe('deploys each environment with its own engine', () => {
    const step = (id: string) => deploy.steps.find((s) => s.id === id) as Step;
    const at = (find: (s: Step) => boolean) => deploy.steps.findIndex(find);
    const engineOf = async (secret: string | undefined) =>
      runStep(step('engine').run ?? '', {
        TARGET: 'staging',
        ...(secret === undefined ? {} : { TF_STATE_BUCKET: secret }),
      });

    it('Terraform when the GitHub environment sets TF_STATE_BUCKET, the SAM template when not', async () => {
      expect(step('engine').env).toEqual({ TF_STATE_BUCKET: '${{ secrets.TF_STATE_BUCKET }}' });
      expect(await engineOf('blogapp-terraform-state-123456789012')).toEqual(['name=terraform']);
      // An environment without the secret: GitHub gives an empty string.
      expect(await engineOf('')).toEqual(['name=cloudformation']);
      expect(await engineOf(undefined)).toEqual(['name=cloudformation']);
    });

    it('passes that engine and the state bucket to the deploy CLI, and has it write the outputs outside the tree', () => {
      const run = step('deploy').run ?? '';
      expect(run).toContain(' --engine "$ENGINE" ');
      expect(run).toContain(' --auto-approve ');
      expect(run).toMatch(/ --outputs-file "\$RUNNER_TEMP\/deploy-outputs\.json"$/);
      // Empty (so unused: the SAM engine never reads it) in an environment without the secret.
      expect(step('deploy').env).toEqual({
        ENGINE: '${{ steps.engine.outputs.name }}',
        TF_STATE_BUCKET: '${{ secrets.TF_STATE_BUCKET }}',
      });
      expect(at((s) => s.id === 'engine')).toBeLessThan(at((s) => s.id === 'deploy'));
    });

    it('sets up Terraform, as ci.yml pins it and without its wrapper, on the Terraform path only; no SAM CLI', async () => {
      const setups = deploy.steps.filter((s) => s.uses?.startsWith('hashicorp/setup-terraform@'));
      expect(setups).toEqual([
        {
          uses: 'hashicorp/setup-terraform@v3',
          if: "steps.engine.outputs.name == 'terraform'",
          with: { terraform_version: '1.11.4', terraform_wrapper: false },
        },
      ]);
      const ci = Object.values((await load('ci.yml')).workflow.jobs).flatMap((job) => job.steps);
      expect(ci.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))?.with).toMatchObject({
        terraform_version: '1.11.4',
      });
      const setup = at((s) => s.uses?.startsWith('hashicorp/setup-terraform@') ?? false);
      expect(setup).toBeGreaterThan(at((s) => s.id === 'engine'));
      expect(setup).toBeLessThan(at((s) => s.id === 'deploy'));
      // The deploy CLI builds, uploads and deploys the SAM template through the SDK: nothing runs `sam`.
      expect(deploy.steps.filter((s) => s.uses?.startsWith('aws-actions/setup-sam@'))).toEqual([]);
    });

    it('reads the URLs and pool from the file the deploy CLI wrote, whichever engine, or none when it wrote none', async () => {
      const outputs = step('outputs');
      expect(outputs.if).toBe('always()');
      const written = {
        ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
        WebSocketURL: 'wss://ws.execute-api.eu-west-1.amazonaws.com/staging',
        SiteUrl: 'https://d123.cloudfront.net',
        UserPoolId: 'eu-west-1_AbC',
        SmokeClientId: 'smokeclient',
        TableName: 'blogapp-staging-table',
      };
      const read = await runStep(outputs.run ?? '', {}, (runnerTemp) =>
        outputsFile(join(runnerTemp, 'deploy-outputs.json')).write(written),
      );
      expect(read).toEqual([
        `api-url=${written.ApiUrl}`,
        `ws-url=${written.WebSocketURL}`,
        `site-url=${written.SiteUrl}`,
        `user-pool-id=${written.UserPoolId}`,
        `smoke-client-id=${written.SmokeClientId}`,
      ]);
      // A deploy that failed before its outputs: every value empty, so no smoke step and "not available".
      expect(await runStep(outputs.run ?? '', {})).toEqual([
        'api-url=',
        'ws-url=',
        'site-url=',
        'user-pool-id=',
        'smoke-client-id=',
      ]);
      expect(step('smoke').if).toBe(
        "steps.deploy.outcome == 'success' && steps.outputs.outputs.user-pool-id != ''",
      );
    });
  });

  describe('picks the environment from the event', () => {
    let script: string;
    let env: Record<string, string>;
    beforeAll(() => {
      const pick = workflow.jobs.target?.steps.find((s) => s.id === 'pick');
      script = pick?.run ?? '';
      env = pick?.env ?? {};
      expect(Object.keys(env).sort()).toEqual(['BRANCH', 'EVENT', 'REQUESTED', 'RUN_REF', 'SHA']);
      expect(env.RUN_REF).toBe('${{ github.ref_name }}');
    });
    /** `runRef`: the run's own ref; a workflow_run's is the default branch whatever CI ran on. */
    const pick = async (event: string, branch: string, requested = '', runRef = branch) => {
      try {
        const env = { EVENT: event, BRANCH: branch, REQUESTED: requested, RUN_REF: runRef, SHA: 'abc1234' };
        return (await runStep(script, env))[0];
      } catch (error) {
        return `refused: ${(error as { stdout?: string }).stdout?.trim()}`;
      }
    };

    it.each([
      ['pull_request', 'feature/x', '', 'environment=development', 'main'],
      ['push', 'main', '', 'environment=staging', 'main'],
      ['push', 'production', '', 'environment=production', 'production'],
      ['workflow_dispatch', 'production', 'production', 'environment=production', 'production'],
      ['workflow_dispatch', 'main', 'development', 'environment=development', 'main'],
    ])('%s on %s (asked: %s) → %s', async (event, branch, requested, expected, runRef) => {
      expect(await pick(event, branch, requested, runRef)).toBe(expected);
    });

    it('refuses production on any ref but production’s, which the environment’s branch rule checks', async () => {
      // What a workflow_run after CI on a push to production would be: production's commit on main's ref.
      expect(await pick('push', 'production', '', 'main')).toMatch(
        /^refused: ::error::production deploys only from the production branch \(this run is on main\)/,
      );
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
  it('runs the developer’s own commands on every pull request, push to main and deploy, read-only', async () => {
    const { workflow, source } = await load('ci.yml');
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    // production's pushes are tested by the deploy workflow's call, not twice.
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    // .ci/run: make test, then make local started once, then the tree must be as checked out.
    expect(steps.filter((s) => s.run).map((s) => s.run)).toEqual(['bash .ci/run', 'make build']);
    const ciRun = await readFile('.ci/run', 'utf8');
    expect(ciRun).toMatch(/^make test$/m);
    expect(ciRun).toMatch(/^bash \.ci\/local-starts\.sh$/m);
    expect(ciRun).toContain('changed=$(git status --porcelain)');
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({
      cache: 'npm',
    });
    expect(source).not.toMatch(/secrets\./);
  });

  it('sets up what make test needs and ubuntu-latest lacks, before it runs', async () => {
    const { workflow } = await load('ci.yml');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const at = (prefix: string) => steps.findIndex((s) => s.uses?.startsWith(prefix));
    const makeTest = steps.findIndex((s) => s.run === 'bash .ci/run');
    // A Python of its own: the runner's is externally managed (PEP 668), so make's pip install would fail.
    expect(at('actions/setup-python@')).toBeGreaterThan(-1);
    expect(at('actions/setup-python@')).toBeLessThan(makeTest);
    expect(steps[at('actions/setup-python@')]?.with).toEqual({ 'python-version': '3.11' });
    // test/terraform fails without terraform; the wrapper would add lines to the output the tests read.
    const terraform = steps[at('hashicorp/setup-terraform@')];
    expect(at('hashicorp/setup-terraform@')).toBeLessThan(makeTest);
    expect(terraform?.with).toMatchObject({ terraform_wrapper: false });
    const version = String(terraform?.with?.terraform_version);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const constraint of await requiredTerraformVersions()) {
      expect(satisfies(version, constraint), `${version} against ${constraint}`).toBe(true);
    }
  });
});

/** Every `required_version` the Terraform roots and modules declare. */
async function requiredTerraformVersions(): Promise<string[]> {
  const { stdout } = await run('git', ['grep', '-h', 'required_version', '--', 'infrastructure/terraform']);
  const constraints = [...stdout.matchAll(/required_version\s*=\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
  expect(constraints.length).toBeGreaterThan(0);
  return [...new Set(constraints)];
}

/** Terraform's `>=`, `>`, `<`, `<=` and `=` constraints, comma-separated (all this repository uses). */
function satisfies(version: string, constraint: string): boolean {
  const parts = (v: string) => v.split('.').map(Number);
  const compare = (a: number[], b: number[]) =>
    a.reduce((result, n, i) => result || Math.sign(n - (b[i] ?? 0)), 0);
  return constraint.split(',').every((clause) => {
    const [, op = '=', wanted = ''] = /^\s*(>=|<=|>|<|=)?\s*([\d.]+)\s*$/.exec(clause) ?? [];
    const order = compare(parts(version), parts(wanted));
    return { '>=': order >= 0, '<=': order <= 0, '>': order > 0, '<': order < 0, '=': order === 0 }[op];
  });
}
