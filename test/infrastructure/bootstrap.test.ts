import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATE_DIR, type Template } from '../../scripts/template/template.js';
import { CloudFormationSpec } from './support/cfn-spec.js';

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

/**
 * The one-time account bootstrap: GitHub's OIDC provider and the deploy role. Pins who may assume the role
 * (this repository's three environments, through OIDC) and that its power stays on blogapp's resources.
 */
describe('bootstrap template', () => {
  let template: Template;
  let statements: Statement[];
  let trust: Statement;

  beforeAll(async () => {
    template = await loadTemplate(join(TEMPLATE_DIR, 'bootstrap.yaml'));
    const role = template.Resources.DeployRole?.Properties as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    [trust] = role.AssumeRolePolicyDocument.Statement as [Statement];
    statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
  });

  it('validates against the CloudFormation resource specification', async () => {
    const spec = await CloudFormationSpec.load();
    const problems = Object.entries(template.Resources).flatMap(([id, r]) =>
      spec.check(r.Type, r.Properties).map((problem) => `${id}.${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('lets only this repository’s development, staging and production environments assume the role', () => {
    expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    const equals = trust.Condition?.StringEquals ?? {};
    expect(equals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    const subjects = (equals['token.actions.githubusercontent.com:sub'] as { 'Fn::Sub': string }[]).map(
      (s) => s['Fn::Sub'],
    );
    expect(subjects).toEqual(
      ['development', 'staging', 'production'].map(
        (env) => `repo:\${GitHubOwner}/\${GitHubRepository}:environment:${env}`,
      ),
    );
    expect(JSON.stringify(trust.Condition)).not.toMatch(/StringLike|\*/);
  });

  it('never grants every action, and grants "*" resources only where AWS allows no scoping', () => {
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('*');
    const unscoped = statements.filter((s) => s.Resource === '*').map((s) => s.Sid);
    expect(unscoped.sort()).toEqual([
      'AccessLogDelivery',
      'FunctionEventSources',
      'IdentityCreate',
      'ReadOnlyLookups',
      'TemplateValidation',
    ]);
    for (const statement of statements.filter((s) => s.Resource === '*')) {
      expect(
        [statement.Action].flat().every((a) => !a.endsWith('*')),
        statement.Sid,
      ).toBe(true);
    }
  });

  it('keeps service-wide actions on resources named after the blogapp stacks', () => {
    for (const statement of statements.filter((s) => [s.Action].flat().some((a) => a.endsWith(':*')))) {
      const resources = [statement.Resource].flat().map((r) => JSON.stringify(r));
      expect(resources.length, statement.Sid).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource, statement.Sid).toMatch(/blogapp-|event-source-mapping|deploymentconfig/);
      }
    }
  });

  it('creates the OIDC provider only when the account has none', () => {
    expect(template.Resources.GitHubOidcProvider?.Condition).toBe('CreateOidcProvider');
    expect(template.Outputs?.DeployRoleArn).toBeDefined();
  });
});
