/**
 * `npm run deploy -- --env <development|staging|production>`: build, upload, change set (shown, and stopped
 * when it would lose data), execute that change set, health check, smoke suite, and rollback of the `live`
 * aliases when the new version does not work. Needs only Node.js and AWS credentials. DEPLOYMENT.md tells all.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { sdkLambdaAliases } from '../../deploy/canary/aws-adapters.js';
import { parseCliArgs } from '../../deploy/cli-args.js';
import { runCli } from '../../deploy/cli-main.js';
import { askYesNo } from '../../deploy/confirm.js';
import { runDeploy, withAwsErrors } from '../../deploy/deploy.js';
import { awsClients } from '../../deploy/engines/cloudformation/clients.js';
import { createEngine } from '../../deploy/engines/create-engine.js';
import { DEFAULT_ENGINE, ENGINE_NAMES, type EngineName } from '../../deploy/engines/engine.js';
import { UsageError } from '../../deploy/errors.js';
import { openOutputsFile } from '../../deploy/outputs-file.js';
import { rollBackStack } from '../../deploy/rollback.js';
import { spawnRunner } from '../../deploy/spawn-runner.js';
import { loadTarget } from '../../deploy/target.js';
import { smokeEnvironment } from '../../smoke/smoke-environment.js';
import { nodeVersionNote } from '../shared/node-version-note.js';

const USAGE = `usage: npm run deploy -- --env <development|staging|production> [options]
  --plan-only                  build, upload and show the change set; deploy nothing
  --auto-approve               production: deploy without asking (required without a terminal)
  --allow-replacement ID       let the plan replace or delete this stateful resource (data loss); repeatable. ID is
                               the logical id (cloudformation) or the Terraform address (terraform) the plan shows
  --recover                    repair a stuck stack first (delete a failed first create; continue a failed rollback)
  --skip-smoke                 only the health check after the deploy (no smoke suite)
  --smoke-token JWT            an ID token for the smoke suite's signed-in checks (or SMOKE_TOKEN)
  --engine E                   cloudformation (default: the SAM template, transformed by CloudFormation) or
                               terraform (infrastructure/terraform/environments/<env>; TF_STATE_BUCKET names
                               the state bucket its bootstrap root made)
  --outputs-file PATH          write the stack's outputs (ApiUrl, WebSocketURL, SiteUrl, UserPoolId, ...) to PATH as
                               JSON once the deploy has them, before the checks; no file when it fails earlier
                               (checked before anything deploys; a relative PATH is from your directory)
  --rollback                   move every function's live alias back one version, deploy nothing
  --artifacts-bucket B         where bundles go (default: the blogapp-bootstrap stack's ArtifactsBucketName)
  --region R, --profile P      override samconfig.toml's (terraform: the provider's region, too)
  --moto-rehearsal             only against moto_server (AWS_ENDPOINT_URL), as \`make rehearse\` does: run the SAM
                               transform locally and stand in for the resource types moto lacks`;

/** What only the CloudFormation engine does: refused with --engine terraform rather than silently ignored. */
const SAM_ENGINE_OPTIONS = ['recover', 'artifacts-bucket', 'moto-rehearsal'] as const;

// The SDK's nine-line notice that it wants Node 22 from 2027 would land in the middle of a step's output:
// said once here, in a line, as `make local` says it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const nodeNote = nodeVersionNote();
if (nodeNote) console.error(`Note: ${nodeNote}`);

await runCli(USAGE, async () => {
  const parsed = parseCliArgs(process.argv.slice(2), {
    'plan-only': { type: 'boolean' },
    'auto-approve': { type: 'boolean' },
    'allow-replacement': { type: 'string', multiple: true },
    recover: { type: 'boolean' },
    'skip-smoke': { type: 'boolean' },
    'smoke-token': { type: 'string' },
    engine: { type: 'string' },
    'artifacts-bucket': { type: 'string' },
    'moto-rehearsal': { type: 'boolean' },
    rollback: { type: 'boolean' },
    'outputs-file': { type: 'string' },
  });
  if (!parsed) return console.log(USAGE);
  const { common, values } = parsed;
  const engine = values.engine ?? DEFAULT_ENGINE;
  if (!(ENGINE_NAMES as readonly string[]).includes(engine)) {
    throw new UsageError(`--engine ${engine} is not an engine: use one of ${ENGINE_NAMES.join(', ')}.`);
  }
  if (values.rollback && values['outputs-file'] !== undefined) {
    throw new UsageError('--outputs-file: --rollback deploys nothing, so there are no new outputs to write.');
  }
  if (values['plan-only'] && values['outputs-file'] !== undefined) {
    throw new UsageError(
      '--outputs-file: --plan-only deploys nothing, so there are no new outputs to write.',
    );
  }
  // npm runs the CLI from the repository's root; a relative path means the caller's directory.
  const outputFile =
    values['outputs-file'] === undefined
      ? undefined
      : await openOutputsFile(values['outputs-file'], process.env.INIT_CWD ?? process.cwd());
  const reportOutputs = outputFile ? { reportOutputs: outputFile.write } : {};
  const print = (line: string) => console.log(line);
  const root = process.cwd();
  const smokeToken = values['smoke-token'] ?? smokeEnvironment(process.env).token;
  const lambda = (target: { region?: string; profile?: string }) =>
    new LambdaClient({
      ...(target.region ? { region: target.region } : {}),
      ...(target.profile ? { profile: target.profile } : {}),
    });

  if (engine === 'terraform') {
    const samOnly = SAM_ENGINE_OPTIONS.filter((option) => values[option] !== undefined);
    if (samOnly.length > 0) {
      throw new UsageError(
        `${samOnly.map((option) => `--${option}`).join(', ')}: ${samOnly.length === 1 ? 'an option' : 'options'} of the cloudformation (SAM) engine; --engine terraform does not take ${samOnly.length === 1 ? 'it' : 'them'}.`,
      );
    }
    const { runTerraformDeploy, runTerraformRollback } = await import(
      '../../deploy/terraform/terraform-deploy.js'
    );
    const { terraformEngineDeps } = await import('../../deploy/terraform/default-deps.js');
    const deps = {
      ...terraformEngineDeps({
        root,
        env: process.env,
        print,
        ...(common.region ? { region: common.region } : {}),
        ...(common.profile ? { profile: common.profile } : {}),
        skipSmoke: values['skip-smoke'] ?? false,
        ...(smokeToken ? { smokeToken } : {}),
      }),
      ...reportOutputs,
    };
    const stateBucket = process.env.TF_STATE_BUCKET;
    const state = {
      environment: common.environment,
      ...(stateBucket ? { stateBucket } : {}),
      ...(common.profile ? { profile: common.profile } : {}),
    };
    // The SDK's calls (aliases, alarms, branding) say what to do without credentials, as the SAM path's do.
    if (values.rollback) return withAwsErrors(common, () => runTerraformRollback(state, deps));
    return withAwsErrors(common, () =>
      runTerraformDeploy(
        {
          ...state,
          planOnly: values['plan-only'] ?? false,
          autoApprove: values['auto-approve'] ?? false,
          allowReplacement: values['allow-replacement'] ?? [],
          skipSmoke: values['skip-smoke'] ?? false,
          ...(smokeToken ? { smokeToken } : {}),
          ...(common.region ? { region: common.region } : {}),
          ...(common.profile ? { profile: common.profile } : {}),
        },
        deps,
      ),
    );
  }

  const rehearsal = values['moto-rehearsal'] ? await motoRehearsal() : {};
  // An emulator on loopback (moto) has no per-bucket host names: S3 is then addressed by path.
  const emulated = Boolean(process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3);
  const engineExtras = (target: { region?: string; profile?: string }) => ({
    ...rehearsal,
    clients: awsClients(target, { emulated }),
  });
  if (values.rollback) {
    const target = await loadTarget(root, common.environment, common);
    const options = {
      ...common,
      engine: 'cloudformation' as const,
      planOnly: false,
      autoApprove: false,
      allowReplacement: [],
      recover: false,
      skipSmoke: true,
    };
    const engine = createEngine(target, target.parameters, options, engineExtras(target));
    // A missing sign-in or permission says what to do, as the deploy's own steps do.
    return withAwsErrors(target, async () =>
      rollBackStack(target.stackName, await engine.outputs(), {
        aliases: sdkLambdaAliases(lambda(target)),
        print,
      }),
    );
  }
  await runDeploy(
    {
      ...common,
      engine: engine as EngineName,
      planOnly: values['plan-only'] ?? false,
      autoApprove: values['auto-approve'] ?? false,
      allowReplacement: values['allow-replacement'] ?? [],
      recover: values.recover ?? false,
      skipSmoke: values['skip-smoke'] ?? false,
      ...(smokeToken ? { smokeToken } : {}),
      ...(values['artifacts-bucket'] ? { artifactsBucket: values['artifacts-bucket'] } : {}),
      // moto serves no API: there is nothing to health-check or smoke-test.
      ...(values['moto-rehearsal'] ? { verify: false } : {}),
    },
    {
      runner: spawnRunner({ root, stdout: process.stdout, stderr: process.stderr }),
      print,
      root,
      interactive: Boolean(process.stdin.isTTY),
      confirm: askYesNo,
      engine: (target, parameters, options) =>
        createEngine(target, parameters, options, engineExtras(target)),
      lambda,
      ...reportOutputs,
    },
  );
});

/** The rehearsal's moto adapter; refused unless an emulator endpoint is set, so it never meets real AWS. */
async function motoRehearsal() {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint || !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint)) {
    throw new UsageError('--moto-rehearsal needs AWS_ENDPOINT_URL pointing at moto_server on loopback.');
  }
  const { motoAdapter } = await import('../../../scripts/rehearsal/moto-preparation.js');
  return { emulator: motoAdapter(process.env.AWS_REGION ?? 'us-east-1') };
}
