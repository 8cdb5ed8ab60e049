import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { environmentRoot } from '../../src/deploy/terraform/roots.js';
import { runTerraformDeploy } from '../../src/deploy/terraform/terraform-deploy.js';
import { resolve, scenario } from '../infrastructure/support/intrinsics.js';
import { repoRoot } from '../support/cli-process.js';
import { motoBackend } from './support/moto-backend.js';
import { motoEngineDeps, placeholderZips } from './support/moto-engine.js';
import { type MotoServer, startMotoServer } from './support/moto-server.js';
import { samFacts, translateSamTemplate } from './support/sam-facts.js';
import type { StackFacts } from './support/stack-facts.js';
import { type TerraformTestEnv, terraformTestEnv } from './support/terraform-env.js';
import { type PlanJson, terraformFacts } from './support/terraform-facts.js';

// The SAM template (after AWS's SAM translator) and the Terraform plan of the same environment must declare
// the same tables, functions, permissions, routes and outputs, so the two stacks cannot drift apart. The plan
// is made by the deploy engine (--plan-only) against moto, whose answers only fill in data sources.
// The parameters are samconfig.toml's for development, as environments/development sets the same variables.
const PARAMETERS = {
  Environment: 'development',
  AllowedOrigins: 'http://localhost:5173,http://127.0.0.1:5173',
  AuthProvider: 'managed-cognito',
  LogRetentionDays: '7',
};
/** Beyond SAM's Outputs: what the canary controller reads (CodeDeploy's part in SAM), and variable names known at plan. */
const TERRAFORM_ONLY_OUTPUTS = ['CanaryAlarmNames', 'FunctionEnvironmentNames', 'PublishedVersions'];

/** The identity and site resources, each SAM type and the Terraform type that declares it. */
const SAME_KIND: Record<string, string> = {
  'AWS::Cognito::UserPool': 'aws_cognito_user_pool',
  'AWS::Cognito::UserPoolDomain': 'aws_cognito_user_pool_domain',
  'AWS::Cognito::UserPoolClient': 'aws_cognito_user_pool_client',
  'AWS::S3::Bucket': 'aws_s3_bucket',
  'AWS::S3::BucketPolicy': 'aws_s3_bucket_policy',
  'AWS::CloudFront::OriginAccessControl': 'aws_cloudfront_origin_access_control',
  'AWS::CloudFront::CachePolicy': 'aws_cloudfront_cache_policy',
  'AWS::CloudFront::ResponseHeadersPolicy': 'aws_cloudfront_response_headers_policy',
  'AWS::CloudFront::Distribution': 'aws_cloudfront_distribution',
  'AWS::ApiGatewayV2::DomainName': 'aws_apigatewayv2_domain_name',
  'AWS::ApiGatewayV2::ApiMapping': 'aws_apigatewayv2_api_mapping',
};
/**
 * Not comparable: the AWS provider Terraform pins (5.100) has no managed login branding resource, so the
 * deploy CLI gives the web client one after the apply (src/deploy/terraform/login-branding.ts).
 */
const DEPLOY_CLI_MAKES = ['AWS::Cognito::ManagedLoginBranding'];
/** The SAM conditions the identity and site resources use, as PARAMETERS decide them. */
const CONDITIONS: Record<string, boolean> = { CreateUserPool: true, HasApiDomain: false };

let loadedTemplate: Awaited<ReturnType<typeof loadTemplate>>;
let translated: { Resources: Record<string, { Type: string; Condition?: string }> };
let plan: PlanJson;
let sam: StackFacts;
let terraform: StackFacts;
let moto: MotoServer;
let tf: TerraformTestEnv;
let workDir: string;

beforeAll(async () => {
  const [samTemplate, source] = await Promise.all([translateSamTemplate(PARAMETERS), loadTemplate()]);
  loadedTemplate = source;
  translated = samTemplate as typeof translated;
  sam = samFacts(samTemplate, source, PARAMETERS);

  moto = await startMotoServer();
  tf = await terraformTestEnv(moto.env);
  workDir = await mkdtemp(join(tmpdir(), 'blogapp-tf-parity-'));
  const motoDeps = motoEngineDeps(moto, tf, {
    backendFile: await motoBackend(moto, tf.dir),
    workDir,
    print: () => {},
    buildZips: placeholderZips,
  });
  // A plan creates nothing, so what moto cannot create (MOTO_SKIPS) is planned here all the same.
  const engine = { ...motoDeps, variables: { ...motoDeps.variables, create_site_cdn: 'true' } };
  try {
    await runTerraformDeploy(
      {
        environment: 'development',
        planOnly: true,
        autoApprove: false,
        allowReplacement: [],
        skipSmoke: true,
      },
      engine,
    );
    const shown = await engine
      .terraform(environmentRoot(repoRoot, 'development'))
      .run(['show', '-json', '-no-color', join(workDir, 'development.tfplan')]);
    plan = JSON.parse(shown.stdout) as PlanJson;
    terraform = terraformFacts(plan, 'blogapp-development');
  } finally {
    engine.dispose();
  }
}, 600_000);

afterAll(async () => {
  await moto?.stop();
  await tf?.dispose();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('SAM and Terraform declare the same stack', () => {
  it('tables: keys, GSIs (keys and projections), stream and TTL', () => {
    expect(Object.keys(sam.tables).sort()).toEqual(['ConnectionsTable', 'Table']);
    expect(terraform.tables).toEqual(sam.tables);
  });

  it('functions: runtime, architecture, memory, timeout, tracing, environment variable names and role boundary', () => {
    const shape = (facts: StackFacts) =>
      Object.fromEntries(
        Object.entries(facts.functions).map(([name, { managedPolicies: _m, statements: _s, ...rest }]) => [
          name,
          rest,
        ]),
      );
    expect(Object.keys(sam.functions).sort()).toEqual(['api', 'broadcast', 'comment-stream', 'websocket']);
    expect(shape(terraform)).toEqual(shape(sam));
  });

  it('IAM: each function has the same statements (by Sid) with the same actions, and the same managed policies', () => {
    for (const name of Object.keys(sam.functions)) {
      expect({ name, statements: terraform.functions[name]?.statements }).toEqual({
        name,
        statements: sam.functions[name]?.statements,
      });
      expect({ name, managed: terraform.functions[name]?.managedPolicies }).toEqual({
        name,
        managed: sam.functions[name]?.managedPolicies,
      });
    }
  });

  it('IAM: every role carries the environment’s permissions boundary, as in the SAM template', () => {
    for (const [name, facts] of Object.entries(sam.functions)) {
      expect({ name, boundary: facts.boundary }).toEqual({ name, boundary: 'blogapp-development-boundary' });
    }
    expect(Object.keys(terraform.functions).sort()).toEqual(Object.keys(sam.functions).sort());
    // Every role the plan creates, not only the functions' (deploy-role.yaml refuses CreateRole without it).
    const roles = plan.resource_changes.filter(
      ({ type, mode }) => type === 'aws_iam_role' && mode === 'managed',
    );
    expect(roles.length).toBeGreaterThanOrEqual(4);
    expect(
      roles.map(({ address, change }) => [
        address,
        (change.after as { permissions_boundary?: unknown }).permissions_boundary,
      ]),
    ).toEqual(
      roles.map(({ address }) => [
        address,
        expect.stringMatching(/^arn:aws:iam::\d{12}:policy\/blogapp-development-boundary$/),
      ]),
    );
  });

  it('routes: the HTTP API (with its IAM-only route) and the WebSocket API', () => {
    expect(sam.httpRoutes).toEqual(['$default', 'POST /broadcast/comments (AWS_IAM)']);
    expect(terraform.httpRoutes).toEqual(sam.httpRoutes);
    expect(terraform.websocketRoutes).toEqual(sam.websocketRoutes);
  });

  it('identity and site: the same resources of each kind (but what the deploy CLI makes)', () => {
    const count = (types: string[]) =>
      Object.fromEntries(
        [...new Set(types)].sort().map((type) => [type, types.filter((t) => t === type).length]),
      );
    const samTypes = Object.values(translated.Resources)
      .filter(({ Condition }) => Condition === undefined || CONDITIONS[Condition])
      .map(({ Type }) => Type);
    expect(samTypes).toEqual(expect.arrayContaining(DEPLOY_CLI_MAKES));
    const planned = plan.resource_changes
      .filter(({ mode, change }) => mode === 'managed' && change.actions.includes('create'))
      .map(({ type }) => type);
    expect(count(planned.filter((type) => Object.values(SAME_KIND).includes(type)))).toEqual(
      count(samTypes.flatMap((type) => SAME_KIND[type] ?? [])),
    );
  });

  it('site: the same Content-Security-Policy, directive by directive', () => {
    const source = loadedTemplate;
    const samPolicy = resolve(
      source,
      source.Resources.SiteHeadersPolicy?.Properties,
      scenario(source, PARAMETERS),
    ) as {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
      };
    };
    const planned = plan.resource_changes.find(
      ({ type, mode }) => type === 'aws_cloudfront_response_headers_policy' && mode === 'managed',
    )?.change.after as
      | { security_headers_config: { content_security_policy: { content_security_policy: string }[] }[] }
      | undefined;
    const directives = (policy: string | undefined) => policy?.split('; ');
    expect(
      directives(planned?.security_headers_config[0]?.content_security_policy[0]?.content_security_policy),
    ).toEqual(
      directives(
        samPolicy.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
          .ContentSecurityPolicy,
      ),
    );
  });

  it('outputs: every SAM output under the same name, plus only the Terraform-only ones named above', () => {
    expect(terraform.outputs.filter((name) => !TERRAFORM_ONLY_OUTPUTS.includes(name))).toEqual(sam.outputs);
    expect(terraform.outputs).toEqual(expect.arrayContaining(TERRAFORM_ONLY_OUTPUTS));
  });
});
