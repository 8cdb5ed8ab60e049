import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { samTransform } from '../../scripts/template/sam-transform.js';
import {
  isObject,
  loadTemplate,
  TEMPLATE_DIR,
  TEMPLATE_PATH,
  type Template,
} from '../../scripts/template/template.js';
import { loadTarget } from '../../src/deploy/target.js';

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: unknown;
}

/** IAM service prefixes whose name is not the resource type's service segment, lower-cased. */
const IAM_PREFIX: Record<string, string> = {
  ApiGatewayV2: 'apigateway',
  ApiGateway: 'apigateway',
  Cognito: 'cognito-idp',
};

const iamPrefix = (resourceType: string) => {
  const service = resourceType.split('::')[1] ?? '';
  return IAM_PREFIX[service] ?? service.toLowerCase();
};

/**
 * The deploy role against what CloudFormation does for the template, derived from the template itself, so
 * a resource type or transform added to template.yaml fails here until bootstrap.yaml's role allows it.
 */
describe('the bootstrap deploy role covers the template', () => {
  let app: Template;
  let deployed: { Resources: Record<string, { Type: string }> };
  let bootstrap: Template;
  let statements: Statement[];
  const actions = () => statements.flatMap((s) => [s.Action].flat());

  beforeAll(async () => {
    app = await loadTemplate();
    const target = await loadTarget(process.cwd(), 'production');
    deployed = (await samTransform(TEMPLATE_PATH, {
      parameters: target.parameters,
      placeholderCode: true,
    })) as typeof deployed;
    bootstrap = await loadTemplate(join(TEMPLATE_DIR, 'bootstrap.yaml'));
    const role = bootstrap.Resources.DeployRole?.Properties as {
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
  }, 60_000);

  it('may create change sets with every transform the template names', () => {
    const transforms = [app.Transform].flat().filter((t): t is string => typeof t === 'string');
    expect(transforms.length).toBeGreaterThan(0);
    const allowed = statements
      .filter((s) => [s.Action].flat().includes('cloudformation:CreateChangeSet'))
      .flatMap((s) => [s.Resource].flat())
      .map((resource) => (isObject(resource) ? String(resource['Fn::Sub']) : String(resource)));
    for (const transform of transforms) {
      expect(allowed, transform).toContainEqual(
        expect.stringMatching(new RegExp(`:aws:transform/${transform.replace('AWS::', '')}$`)),
      );
    }
  });

  it('is allowed into every service whose resources the deployed template holds', () => {
    const services = [...new Set(Object.values(deployed.Resources).map((r) => iamPrefix(r.Type)))];
    expect(services).toEqual(expect.arrayContaining(['lambda', 'apigateway', 'dynamodb', 'iam']));
    const granted = new Set(actions().map((action) => action.split(':')[0]));
    expect(services.filter((service) => !granted.has(service))).toEqual([]);
  });

  it('reads the secret the functions resolve at deploy time', () => {
    expect(JSON.stringify(app)).toContain('{{resolve:secretsmanager:');
    expect(actions()).toContain('secretsmanager:*');
  });

  it('may set up HTTP API access-log delivery, and grants no made-up actions', () => {
    expect(actions()).toEqual(
      expect.arrayContaining(['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:DeleteLogDelivery']),
    );
    expect(actions()).not.toContain('apigateway:TagResource');
  });

  it('gives API Gateway its account-level CloudWatch role, which WebSocket access logs need', () => {
    const account = bootstrap.Resources.ApiGatewayAccount;
    expect(account?.Type).toBe('AWS::ApiGateway::Account');
    expect(account?.Properties?.CloudWatchRoleArn).toEqual({
      'Fn::GetAtt': ['ApiGatewayCloudWatchRole', 'Arn'],
    });
  });

  it('creates a versioned, encrypted, TLS-only artifacts bucket and names it in an output', () => {
    const bucket = bootstrap.Resources.ArtifactsBucket?.Properties ?? {};
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(JSON.stringify(bucket.BucketEncryption)).toContain('AES256');
    expect(JSON.stringify(bootstrap.Resources.ArtifactsBucketPolicy?.Properties)).toContain(
      'aws:SecureTransport',
    );
    expect(bootstrap.Outputs?.ArtifactsBucketName).toBeDefined();
  });
});
