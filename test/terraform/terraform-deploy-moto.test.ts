import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import {
  GetBucketCorsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOutputs } from '../../src/deploy/engines/engine.js';
import { outputsFile } from '../../src/deploy/outputs-file.js';
import { buildFunctionZips } from '../../src/deploy/terraform/bundles.js';
import { environmentRoot, stateKey } from '../../src/deploy/terraform/roots.js';
import {
  type Outputs,
  runTerraformDeploy,
  runTerraformRollback,
  type TerraformDeployOptions,
} from '../../src/deploy/terraform/terraform-deploy.js';
import { HTTP_API_ROUTES } from '../../src/local/api-gateway-routes.js';
import { repoRoot } from '../support/cli-process.js';
import { grants, loadDeployRole, matchesAny } from '../support/deploy-role.js';
import { type GitCheckout, gitCheckout } from './support/git-checkout.js';
import { MOTO_SKIPS, MOTO_STATE_BUCKET, motoBackend, motoVariables } from './support/moto-backend.js';
import { motoEngineDeps, placeholderZips } from './support/moto-engine.js';
import { type MotoServer, motoClientConfig, startMotoServer } from './support/moto-server.js';
import { type StateResource, stateHttpRoutes } from './support/state-http-routes.js';
import { stateBucketCalls } from './support/state-requests.js';
import { type TerraformTestEnv, terraformTestEnv } from './support/terraform-env.js';

// The deploy CLI's Terraform engine, end to end against moto_server: real bundles (esbuild, deterministic
// zips), real terraform init/plan/apply with the state in moto's S3, then a destroy. Only the health check
// and smoke suite are swapped: moto stores functions but does not run them.
const TIMEOUT = 600_000;
let moto: MotoServer;
let tf: TerraformTestEnv;
let workDir: string;
let backendFile: string;
let lines: string[] = [];
const verified: Outputs[] = [];
const published: StackOutputs[] = [];
const brandings = new Set<string>();
let clients: { dynamodb: DynamoDBClient; lambda: LambdaClient; s3: S3Client };

const options = (overrides: Partial<TerraformDeployOptions> = {}): TerraformDeployOptions => ({
  environment: 'development',
  planOnly: false,
  autoApprove: false,
  allowReplacement: [],
  skipSmoke: false,
  ...overrides,
});

let engine: ReturnType<typeof motoEngineDeps>;
const deps = () => engine;
/** The checkout the preflight's git reads: its revision is the version the plan must pass as app_version. */
let checkout: GitCheckout;
const revision = () => checkout.revision();

beforeAll(async () => {
  moto = await startMotoServer();
  tf = await terraformTestEnv(moto.env);
  workDir = await mkdtemp(join(tmpdir(), 'blogapp-tf-deploy-'));
  backendFile = await motoBackend(moto, tf.dir);
  checkout = await gitCheckout('main');
  engine = {
    ...motoEngineDeps(moto, tf, {
      backendFile,
      workDir,
      print: (line) => lines.push(line),
      buildZips: buildFunctionZips,
      verified,
      published,
      brandings,
    }),
    runner: checkout.runner,
  };
  const config = motoClientConfig(moto);
  clients = {
    dynamodb: new DynamoDBClient(config),
    lambda: new LambdaClient(config),
    s3: new S3Client(config),
  };
}, 120_000);

afterAll(async () => {
  for (const client of Object.values(clients ?? {})) client.destroy();
  engine?.dispose();
  await moto?.stop();
  await tf?.dispose();
  await checkout?.dispose();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const tableNames = async () => (await clients.dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];

describe('Terraform engine against moto (development)', () => {
  it('--plan-only saves a plan, shows it as a table of changes, and creates nothing', {
    timeout: TIMEOUT,
  }, async () => {
    lines = [];
    // Stand-in bundles: the plan is what matters here; the apply below builds the real ones.
    expect(
      await runTerraformDeploy(options({ planOnly: true, region: 'eu-west-1' }), {
        ...deps(),
        buildZips: placeholderZips,
      }),
    ).toBeUndefined();

    // The saved plan has the version /api/health reports and the provider's region from --region.
    const shown = await engine
      .terraform(environmentRoot(repoRoot, 'development'))
      .run(['show', '-json', '-no-color', join(workDir, 'development.tfplan')]);
    const { variables } = JSON.parse(shown.stdout) as { variables: Record<string, { value: unknown }> };
    expect(variables.app_version?.value).toBe(await revision());
    expect(variables.region?.value).toBe('eu-west-1');

    const table = lines.map((line) => line.trim());
    expect(table).toContainEqual(expect.stringMatching(/^action\s+type\s+resource$/));
    for (const address of [
      'module.stack.module.data.aws_dynamodb_table.main',
      'module.stack.module.data.aws_dynamodb_table.connections',
      'module.stack.module.uploads.module.bucket.aws_s3_bucket.this',
      'module.stack.module.api.aws_apigatewayv2_api.http',
      'module.stack.module.realtime.aws_apigatewayv2_api.websocket',
      'module.stack.module.api.module.function.aws_lambda_function.this',
    ]) {
      expect(table).toContainEqual(
        expect.stringMatching(new RegExp(`^\\+ create\\s+\\w+\\s+${address.replaceAll('.', '\\.')}$`)),
      );
    }
    expect(table).toContainEqual(expect.stringMatching(/^\d+ changes: \d+ to create$/));
    expect(table).toContainEqual(
      expect.stringMatching(/^Plan only: saved as .*development\.tfplan, nothing applied/),
    );
    expect(await tableNames()).toEqual([]);
  });

  it(`applies everything but what moto lacks (${Object.keys(MOTO_SKIPS).join(', ')}), with the state in moto's S3`, {
    timeout: TIMEOUT,
  }, async () => {
    lines = [];
    const outputsPath = join(workDir, 'outputs.json');
    const outputs = await runTerraformDeploy(options(), {
      ...deps(),
      reportOutputs: outputsFile(outputsPath).write,
    });

    expect(verified).toEqual([outputs]);
    // What --outputs-file leaves for CI: the string outputs, under the SAM engine's names; not the canary's maps.
    const written = JSON.parse(await readFile(outputsPath, 'utf8')) as StackOutputs;
    expect(written).toEqual(
      Object.fromEntries(Object.entries(outputs ?? {}).filter(([, value]) => typeof value === 'string')),
    );
    expect(Object.keys(written)).toEqual(
      expect.arrayContaining(['ApiUrl', 'WebSocketURL', 'UserPoolId', 'SmokeClientId']),
    );
    expect(written).not.toHaveProperty('PublishedVersions');
    // The site publisher gets the string outputs: the site bucket, the API and the sign-in settings.
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      SiteBucketName: outputs?.SiteBucketName,
      ApiUrl: outputs?.ApiUrl,
      UserPoolId: outputs?.UserPoolId,
      WebClientId: outputs?.WebClientId,
    });
    await clients.s3.send(new HeadBucketCommand({ Bucket: String(outputs?.SiteBucketName) }));
    // The branding Terraform's provider cannot declare is given to the web client once.
    expect([...brandings]).toEqual([`${outputs?.UserPoolId}/${outputs?.WebClientId}`]);
    expect(outputs?.ApiUrl).toMatch(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com$/);
    expect(outputs?.WebSocketURL).toMatch(
      /^wss:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/development$/,
    );
    expect(lines.some((line) => line.includes('aws_apigatewayv2_deployment'))).toBe(false);

    const table = (
      await clients.dynamodb.send(new DescribeTableCommand({ TableName: String(outputs?.TableName) }))
    ).Table;
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.GlobalSecondaryIndexes?.map(({ IndexName }) => IndexName).sort()).toEqual(['gsi1', 'gsi2']);
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect((await tableNames()).sort()).toEqual([
      'blogapp-development-connections',
      'blogapp-development-table',
    ]);

    for (const key of [
      'ApiFunctionName',
      'WebSocketFunctionName',
      'CommentStreamFunctionName',
      'BroadcastFunctionName',
    ]) {
      const name = String(outputs?.[key]);
      const fn = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect([fn.Runtime, fn.Architectures, fn.Handler, fn.TracingConfig?.Mode]).toEqual([
        'nodejs22.x',
        ['arm64'],
        'index.handler',
        'Active',
      ]);
      expect(fn.Environment?.Variables?.APP_DYNAMODB_TABLE).toBe('blogapp-development-table');
      expect(fn.Environment?.Variables?.APP_VERSION).toBe(await revision());
      // The pool this stack made, and its web and smoke clients, reach every function.
      expect(fn.Environment?.Variables?.COGNITO_USER_POOL_ID).toBe(outputs?.UserPoolId);
      expect(fn.Environment?.Variables?.COGNITO_CLIENT_ID).toBe(
        `${outputs?.WebClientId},${outputs?.SmokeClientId}`,
      );
      const live = await clients.lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }));
      expect(live.FunctionVersion).toBe('1');
    }

    const bucket = String(outputs?.UploadsBucketName);
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(cors.CORSRules?.[0]?.AllowedMethods?.sort()).toEqual(['GET', 'PUT']);

    const state = await clients.s3.send(
      new GetObjectCommand({ Bucket: 'blogapp-terraform-state', Key: stateKey('development') }),
    );
    const stateJson = JSON.parse(await (state.Body?.transformToString() ?? '{}')) as {
      resources: StateResource[];
    };
    expect(stateJson.resources.length).toBeGreaterThan(50);
    // Every route of the HTTP API, $default included, reaches the `live` alias of the function the local stack
    // routes it to, and API Gateway may invoke that alias.
    expect(stateHttpRoutes(stateJson.resources)).toEqual(
      Object.fromEntries(
        Object.entries(HTTP_API_ROUTES).map(([key, target]) => [
          key,
          { invokes: `blogapp-development-${target}:live`, permitted: true },
        ]),
      ),
    );
    // The S3-native lock (<key>.tflock) is released once the apply ends. (Listed under the environment's
    // prefix, as its deploy role may: the last test checks every request to the bucket against that role.)
    const keys = (
      await clients.s3.send(
        new ListObjectsV2Command({ Bucket: 'blogapp-terraform-state', Prefix: 'blogapp/development/' }),
      )
    ).Contents?.map(({ Key }) => Key);
    expect(keys).toEqual([stateKey('development')]);
  });

  it('--rollback reads the functions from the state and says when there is no earlier version', {
    timeout: TIMEOUT,
  }, async () => {
    lines = [];
    const rollback = runTerraformRollback({ environment: 'development' }, engine);
    await expect(rollback).rejects.toThrow(
      /Rollback incomplete: blogapp-development-api: live is on 1, and there is no earlier version; .*blogapp-development-broadcast/,
    );
  });

  it('refuses a plan that replaces the main table, and applies nothing', { timeout: TIMEOUT }, async () => {
    // The table as someone else left it: same name, another key. Terraform can only replace it.
    const TableName = 'blogapp-development-table';
    await clients.dynamodb.send(new DeleteTableCommand({ TableName }));
    await waitUntilTableNotExists({ client: clients.dynamodb, maxWaitTime: 60 }, { TableName });
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    lines = [];

    // Stand-in bundles: only the table's fate matters here.
    const table = 'module.stack.module.data.aws_dynamodb_table.main';
    await expect(
      runTerraformDeploy(options(), { ...deps(), buildZips: placeholderZips }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^The plan would replace module\.stack\.module\.data\.aws_dynamodb_table\.main: that loses its data, so nothing was applied\.\n\s+.*lost would be every item in the table/,
      ),
      whatNext: expect.stringContaining(
        `run: npm run deploy -- --env development --engine terraform --allow-replacement ${table}`,
      ),
    });
    // Allowing something else allows nothing.
    await expect(
      runTerraformDeploy(options({ allowReplacement: ['SomethingElse'] }), {
        ...deps(),
        buildZips: placeholderZips,
      }),
    ).rejects.toThrow(
      `--allow-replacement SomethingElse: it is not among what this plan replaces or deletes (${table}), so nothing was applied.`,
    );
    expect(lines.map((line) => line.trim())).toContainEqual(
      expect.stringMatching(
        /^-\/\+ replace\s+aws_dynamodb_table\s+module\.stack\.module\.data\.aws_dynamodb_table\.main$/,
      ),
    );
    const left = await clients.dynamodb.send(new DescribeTableCommand({ TableName }));
    expect(left.Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
  });

  it('destroys the environment', { timeout: TIMEOUT }, async () => {
    const terraform = engine.terraform(environmentRoot(repoRoot, 'development'));
    // What is in the zips does not matter to a destroy, only that the configuration can read them.
    const bundleDir = join(workDir, 'destroy-bundles');
    await placeholderZips(bundleDir);
    const variables = { ...motoVariables(moto), bundle_dir: bundleDir };
    const destroy = await terraform.run([
      'destroy',
      '-auto-approve',
      '-input=false',
      '-no-color',
      ...Object.entries(variables).map(([key, value]) => `-var=${key}=${value}`),
    ]);
    expect(destroy.code, destroy.stderr).toBe(0);
    expect(await tableNames()).toEqual([]);
    expect((await clients.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });
  it('reached its state only as the development deploy role, given the state bucket, may', async () => {
    const role = await loadDeployRole('development', { terraformStateBucket: MOTO_STATE_BUCKET });
    const calls = stateBucketCalls(moto.requests(), MOTO_STATE_BUCKET);
    // Every init lists the workspaces; every apply and destroy writes the state under its lock.
    expect(new Set(calls.map(({ action }) => action))).toEqual(
      new Set(['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject']),
    );
    const refused = calls.filter(({ action, arn, prefix }) =>
      grants(role.statements, action, arn).every((statement) => {
        const allowed = statement.Condition?.StringLike?.['s3:prefix'];
        return allowed !== undefined && !matchesAny(allowed as string | string[], prefix ?? '');
      }),
    );
    expect(refused.map(({ request }) => request)).toEqual([]);
  });
});
