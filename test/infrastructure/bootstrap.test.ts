import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATE_DIR, type Template } from '../../scripts/template/template.js';
import { DEPLOY_ENVIRONMENTS } from '../../src/deploy/environments.js';
import { type DeployRole, loadDeployRole } from '../support/deploy-role.js';
import { CloudFormationSpec } from './support/cfn-spec.js';

/**
 * The one-time account bootstrap (GitHub's OIDC provider, the artifacts bucket, API Gateway's logging role) and
 * the per-environment deploy role. Pins that the bootstrap holds no deploy role, who may assume each role
 * (its own GitHub environment, through OIDC) and that its power stays on its environment's resources.
 * test/deploy/deploy-role.test.ts checks the role against what the template deploys.
 */
describe('bootstrap and deploy-role templates', () => {
  let bootstrap: Template;
  let deployRoleTemplate: Template;

  beforeAll(async () => {
    bootstrap = await loadTemplate(join(TEMPLATE_DIR, 'bootstrap.yaml'));
    deployRoleTemplate = await loadTemplate(join(TEMPLATE_DIR, 'deploy-role.yaml'));
  });

  it('validate against the CloudFormation resource specification', async () => {
    const spec = await CloudFormationSpec.load();
    const problems = [bootstrap, deployRoleTemplate].flatMap((template) =>
      Object.entries(template.Resources).flatMap(([id, r]) =>
        spec.check(r.Type, r.Properties).map((problem) => `${id}.${problem}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('bootstrap holds only what the environments share, and no role GitHub can assume', () => {
    expect(Object.keys(bootstrap.Resources).sort()).toEqual([
      'ApiGatewayAccount',
      'ApiGatewayCloudWatchRole',
      'ArtifactsBucket',
      'ArtifactsBucketPolicy',
      'GitHubOidcProvider',
    ]);
    expect(JSON.stringify(bootstrap)).not.toContain('AssumeRoleWithWebIdentity');
    expect(bootstrap.Resources.GitHubOidcProvider?.Condition).toBe('CreateOidcProvider');
    expect(Object.keys(bootstrap.Outputs ?? {}).sort()).toEqual(['ArtifactsBucketName', 'OidcProviderArn']);
  });

  it('gives API Gateway its account-level CloudWatch role, which WebSocket access logs need', () => {
    const account = bootstrap.Resources.ApiGatewayAccount;
    expect(account?.Type).toBe('AWS::ApiGateway::Account');
    expect(account?.Properties?.CloudWatchRoleArn).toEqual({
      'Fn::GetAtt': ['ApiGatewayCloudWatchRole', 'Arn'],
    });
  });

  it('creates a versioned, encrypted, TLS-only artifacts bucket, named as the deploy roles expect', () => {
    const bucket = bootstrap.Resources.ArtifactsBucket?.Properties ?? {};
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(JSON.stringify(bucket.BucketEncryption)).toContain('AES256');
    expect(JSON.stringify(bootstrap.Resources.ArtifactsBucketPolicy?.Properties)).toContain(
      'aws:SecureTransport',
    );
    expect(bootstrap.Outputs?.ArtifactsBucketName).toBeDefined();
    // deploy-role.yaml names the bucket rather than importing it, so the two names must agree.
    const name = (bucket.BucketName as { 'Fn::Sub': string })['Fn::Sub'];
    expect(JSON.stringify(deployRoleTemplate.Resources.DeployRole)).toContain(
      `s3:::${name}/blogapp-\${Environment}/*`,
    );
  });

  it('deploy-role takes its environment as a parameter, one of the three', () => {
    expect(deployRoleTemplate.Parameters?.Environment?.AllowedValues).toEqual([...DEPLOY_ENVIRONMENTS]);
    expect(Object.keys(deployRoleTemplate.Outputs ?? {}).sort()).toEqual([
      'DeployRoleArn',
      'FunctionBoundaryArn',
    ]);
  });

  describe.each(DEPLOY_ENVIRONMENTS)('the %s deploy role', (environment) => {
    let role: DeployRole;

    beforeAll(async () => {
      role = await loadDeployRole(environment);
    });

    it('may be assumed only by this repository’s own GitHub environment, through the account’s OIDC provider', () => {
      expect(role.trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
      expect(role.trust.Principal.Federated).toBe(
        'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      );
      const equals = role.trust.Condition?.StringEquals ?? {};
      expect(equals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
      expect(equals['token.actions.githubusercontent.com:sub']).toBe(
        `repo:\${GitHubOwner}/\${GitHubRepository}:environment:${environment}`,
      );
      expect(JSON.stringify(role.trust.Condition)).not.toMatch(/StringLike|\*/);
    });

    it('never grants every action, and grants "*" resources only where AWS allows no scoping', () => {
      const allows = role.statements.filter((s) => s.Effect === 'Allow');
      expect(allows.flatMap((s) => [s.Action].flat())).not.toContain('*');
      const unscoped = allows.filter((s) => s.Resource === '*');
      expect(unscoped.map((s) => s.Sid).sort()).toEqual([
        'AccessLogDelivery',
        'FunctionEventSourceReads',
        'FunctionEventSources',
        'IdentityCreate',
        'ReadOnlyLookups',
        'TemplateValidation',
      ]);
      for (const statement of unscoped) {
        expect(
          [statement.Action].flat().every((a) => !a.endsWith('*')),
          statement.Sid,
        ).toBe(true);
      }
    });

    it('keeps service-wide actions on resources named after its own stack', () => {
      const wide = role.statements.filter(
        (s) => s.Effect === 'Allow' && [s.Action].flat().some((a) => a.endsWith(':*')),
      );
      expect(wide.length).toBeGreaterThan(0);
      for (const statement of wide) {
        for (const resource of [statement.Resource].flat()) {
          expect(resource, statement.Sid).toMatch(
            new RegExp(`blogapp-${environment}(-\\*|/\\*|$)|::/apis|::/tags|deploymentconfig:\\*`),
          );
        }
      }
    });

    it('is refused whatever is tagged for another environment', () => {
      const denies = role.statements.filter((s) => s.Effect === 'Deny');
      expect(denies.map((s) => s.Sid)).toEqual(['DenyOtherEnvironments']);
      expect(denies[0]?.Condition?.StringNotEquals).toEqual({ 'aws:ResourceTag/environment': environment });
    });
  });
});
