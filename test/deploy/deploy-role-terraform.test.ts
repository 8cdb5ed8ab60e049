import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATE_DIR } from '../../scripts/template/template.js';
import { DEPLOY_ENVIRONMENTS, type DeployEnvironment } from '../../src/deploy/environments.js';
import { environmentRoot, stateKey, TERRAFORM_DIR } from '../../src/deploy/terraform/roots.js';
import { repoRoot } from '../support/cli-process.js';
import { arnOf, type DeployRole, grants, loadDeployRole, PSEUDO } from '../support/deploy-role.js';
import {
  TERRAFORM_ALL_IAM,
  TERRAFORM_DATA_IAM,
  TERRAFORM_IAM,
  TERRAFORM_LOCAL_TYPES,
  terraformNamedArns,
  terraformTypes,
} from '../support/terraform-iam.js';

const STATE_BUCKET = 'blogapp-terraform-state-123456789012';
const stateObject = (key: string) => `${arnOf.bucket(STATE_BUCKET)}/${key}`;

/** A root's S3 backend settings, as written in environments/<env>/main.tf. */
async function backendOf(
  environment: DeployEnvironment,
): Promise<{ key?: string; workspaceKeyPrefix?: string }> {
  const main = await readFile(join(environmentRoot(repoRoot, environment), 'main.tf'), 'utf8');
  const setting = (name: string) => main.match(new RegExp(`^\\s*${name}\\s*=\\s*"([^"]*)"`, 'm'))?.[1];
  return { key: setting('key'), workspaceKeyPrefix: setting('workspace_key_prefix') };
}

it('the Terraform IAM tables cover every resource and data source type the modules declare', async () => {
  const modules = join(repoRoot, TERRAFORM_DIR, 'modules');
  const resources = await terraformTypes(modules, 'resource');
  expect(resources).toContain('aws_iam_role');
  // A new type lands here: add what the provider calls for it to test/support/terraform-iam.ts (and the role).
  expect(resources.filter((type) => !TERRAFORM_LOCAL_TYPES.includes(type))).toEqual(
    Object.keys(TERRAFORM_IAM).sort(),
  );
  expect(await terraformTypes(modules, 'data')).toEqual(Object.keys(TERRAFORM_DATA_IAM).sort());
});

it('the role stack gives Terraform state access only when TerraformStateBucket is set', async () => {
  const template = await loadTemplate(join(TEMPLATE_DIR, 'deploy-role.yaml'));
  expect(template.Parameters?.TerraformStateBucket).toMatchObject({ Default: '' });
  // loadDeployRole evaluates HasTerraformState as "the bucket is not empty": the template must say the same.
  expect(template.Conditions?.HasTerraformState).toEqual({
    'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'TerraformStateBucket' }, ''] }],
  });
});

/**
 * Each environment's deploy role against what `npm run deploy -- --engine terraform` does: every call
 * Terraform's AWS provider makes for the resource types the modules declare (test/support/terraform-iam.ts),
 * and the S3 backend's state and lock file, on this environment's resources and state key and no other's.
 */
describe.each(DEPLOY_ENVIRONMENTS)('the %s deploy role under Terraform', (environment) => {
  const stack = `blogapp-${environment}`;
  const others = DEPLOY_ENVIRONMENTS.filter((e) => e !== environment);
  let role: DeployRole;
  let withState: DeployRole;

  beforeAll(async () => {
    role = await loadDeployRole(environment);
    withState = await loadDeployRole(environment, { terraformStateBucket: STATE_BUCKET });
  });

  it('may make every call the provider makes for the modules’ resources and data sources', () => {
    const refused = Object.entries(TERRAFORM_ALL_IAM).flatMap(([type, iam]) => [
      ...iam.actions
        .filter((action) => grants(role.statements, action, iam.arn(stack)).length === 0)
        .map((action) => `${type} ${action} ${iam.arn(stack)}`),
      ...(iam.unscoped ?? [])
        .filter((action) => grants(role.statements, action, '*', { unscoped: true }).length === 0)
        .map((action) => `${type} ${action} *`),
    ]);
    expect(refused).toEqual([]);
  });

  it('reaches none of another environment’s named Terraform resources', () => {
    for (const other of others) {
      const reached = terraformNamedArns(`blogapp-${other}`).filter(
        ([, arn, action]) => grants(role.statements, action, arn).length > 0,
      );
      expect(reached, other).toEqual([]);
    }
  });

  it('is kept off other environments’ id-named Terraform resources by their environment tag', () => {
    const deny = role.statements.find((s) => s.Sid === 'DenyOtherEnvironments');
    const denied = [deny?.Action].flat();
    const services = Object.values(TERRAFORM_IAM)
      .filter((iam) => iam.idNamed)
      .map((iam) => iam.actions[0]?.split(':')[0]);
    expect(services.length).toBeGreaterThan(5);
    expect(services.filter((service) => !denied.includes(`${service}:*`))).toEqual([]);
  });

  it('reads its own permissions boundary, which the plan looks up first, and changes none', () => {
    const boundary = (env: string) =>
      `arn:aws:iam::${PSEUDO['AWS::AccountId']}:policy/blogapp-${env}-boundary`;
    expect(role.boundary.arn).toBe(boundary(environment));
    for (const action of ['iam:GetPolicy', 'iam:GetPolicyVersion']) {
      expect(grants(role.statements, action, boundary(environment)), action).not.toEqual([]);
      for (const other of others) expect(grants(role.statements, action, boundary(other)), other).toEqual([]);
    }
    for (const action of ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion']) {
      expect(grants(role.statements, action, boundary(environment)), action).toEqual([]);
    }
  });

  it('has no access to the state bucket without TerraformStateBucket', () => {
    const any = [stateObject(`blogapp/${environment}/terraform.tfstate`), arnOf.bucket(STATE_BUCKET)];
    expect(
      any.filter((arn) =>
        ['s3:GetObject', 's3:ListBucket'].some((a) => grants(role.statements, a, arn).length),
      ),
    ).toEqual([]);
  });

  it('reads and writes its own state and lock file, where its root keeps them', async () => {
    const { key } = await backendOf(environment);
    expect(key).toBe(stateKey(environment));
    for (const object of [key, `${key}.tflock`]) {
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
        expect(
          grants(withState.statements, action, stateObject(String(object))),
          `${action} ${object}`,
        ).not.toEqual([]);
      }
    }
  });

  it('lists the state bucket only under its own prefix, where its root lists workspaces', async () => {
    const listing = grants(withState.statements, 's3:ListBucket', arnOf.bucket(STATE_BUCKET));
    expect(listing.map((s) => s.Condition)).toEqual([
      { StringLike: { 's3:prefix': `blogapp/${environment}/*` } },
    ]);
    // The S3 backend lists `<workspace_key_prefix>/` at every init and plan (the default, env:/, is shared).
    const { workspaceKeyPrefix } = await backendOf(environment);
    expect(`${workspaceKeyPrefix}/`.startsWith(`blogapp/${environment}/`)).toBe(true);
  });

  it('reaches no other environment’s state, nothing else in the bucket, and none of its settings', () => {
    const refused: [string, string][] = [
      ...others.flatMap((other): [string, string][] => [
        ['s3:GetObject', stateObject(`blogapp/${other}/terraform.tfstate`)],
        ['s3:PutObject', stateObject(`blogapp/${other}/terraform.tfstate`)],
        ['s3:DeleteObject', stateObject(`blogapp/${other}/terraform.tfstate.tflock`)],
      ]),
      ['s3:PutObject', stateObject(`blogapp/${environment}/other.tfstate`)],
      ['s3:GetObject', stateObject('terraform.tfstate')],
      ['s3:PutBucketPolicy', arnOf.bucket(STATE_BUCKET)],
      ['s3:PutBucketVersioning', arnOf.bucket(STATE_BUCKET)],
      ['s3:DeleteBucket', arnOf.bucket(STATE_BUCKET)],
      ['s3:DeleteObjectVersion', stateObject(`blogapp/${environment}/terraform.tfstate`)],
    ];
    expect(refused.filter(([action, arn]) => grants(withState.statements, action, arn).length > 0)).toEqual(
      [],
    );
  });
});
