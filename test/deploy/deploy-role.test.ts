import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { samTransform } from '../../scripts/template/sam-transform.js';
import { isObject, loadTemplate, TEMPLATE_PATH, type Template } from '../../scripts/template/template.js';
import { DEPLOY_ENVIRONMENTS, type DeployEnvironment } from '../../src/deploy/environments.js';
import { loadTarget } from '../../src/deploy/target.js';
import {
  arnOf,
  type DeployRole,
  grants,
  loadDeployRole,
  PSEUDO,
  resolve,
  type Statement,
} from '../support/deploy-role.js';
import { loadServiceAuthorization, supportsResourceTags } from '../support/service-authorization.js';
import { terraformNamedArns } from '../support/terraform-iam.js';

interface Deployed {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
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

const { 'AWS::Region': region, 'AWS::AccountId': account } = PSEUDO;

/**
 * Each named resource type: the property naming it, the ARN IAM sees and the action that creates it. Without
 * the property, CloudFormation names it <stack>-<LogicalId>-<suffix> (S3 in lower case).
 */
const NAMED: Record<string, { property: string; arn: (name: string) => string; action: string }> = {
  'AWS::Lambda::Function': { property: 'FunctionName', arn: arnOf.function, action: 'lambda:CreateFunction' },
  'AWS::Logs::LogGroup': { property: 'LogGroupName', arn: arnOf.logGroup, action: 'logs:CreateLogGroup' },
  'AWS::SecretsManager::Secret': {
    property: 'Name',
    arn: arnOf.secret,
    action: 'secretsmanager:CreateSecret',
  },
  'AWS::CloudWatch::Dashboard': {
    property: 'DashboardName',
    arn: arnOf.dashboard,
    action: 'cloudwatch:PutDashboard',
  },
  'AWS::CloudWatch::Alarm': { property: 'AlarmName', arn: arnOf.alarm, action: 'cloudwatch:PutMetricAlarm' },
  'AWS::DynamoDB::Table': { property: 'TableName', arn: arnOf.table, action: 'dynamodb:CreateTable' },
  'AWS::S3::Bucket': { property: 'BucketName', arn: arnOf.bucket, action: 's3:CreateBucket' },
  'AWS::SQS::Queue': { property: 'QueueName', arn: arnOf.queue, action: 'sqs:CreateQueue' },
  'AWS::SNS::Topic': { property: 'TopicName', arn: arnOf.topic, action: 'sns:CreateTopic' },
  'AWS::IAM::Role': { property: 'RoleName', arn: arnOf.role, action: 'iam:PassRole' },
  'AWS::CodeDeploy::Application': {
    property: 'ApplicationName',
    arn: arnOf.application,
    action: 'codedeploy:CreateApplication',
  },
};

/** Types whose IAM resource is another resource of the stack (a function, a bucket, a topic, a group's application). */
const PART_OF_ANOTHER = new Set([
  'AWS::Lambda::Alias',
  'AWS::Lambda::Version',
  'AWS::Lambda::Permission',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Subscription',
  'AWS::CodeDeploy::DeploymentGroup',
]);

/** Services whose ARNs carry generated ids: account-wide grants, kept off other environments by their tags. */
const ID_NAMED_SERVICES = new Set(['apigateway', 'cognito-idp', 'cloudfront']);

/** Types named by generated ids in a service otherwise named: an event source mapping's ARN is a UUID. */
const ID_NAMED_TYPES = new Set(['AWS::Lambda::EventSourceMapping']);

const idNamed = (type: string) => ID_NAMED_TYPES.has(type) || ID_NAMED_SERVICES.has(iamPrefix(type));

/** The IAM resource type each id-named CloudFormation type is authorized as (clients, domains: their pool). */
const IAM_RESOURCE_TYPE: Record<string, string> = {
  'AWS::ApiGatewayV2::Api': 'api',
  'AWS::ApiGatewayV2::Stage': 'stage',
  'AWS::ApiGatewayV2::Route': 'route',
  'AWS::ApiGatewayV2::RouteResponse': 'routeresponse',
  'AWS::ApiGatewayV2::Integration': 'integration',
  'AWS::ApiGatewayV2::DomainName': 'domainname',
  'AWS::ApiGatewayV2::ApiMapping': 'apimapping',
  'AWS::Cognito::UserPool': 'userpool',
  'AWS::Cognito::UserPoolClient': 'userpool',
  'AWS::Cognito::UserPoolDomain': 'userpool',
  'AWS::Cognito::ManagedLoginBranding': 'userpool',
  'AWS::CloudFront::Distribution': 'distribution',
  'AWS::CloudFront::CachePolicy': 'cache-policy',
  'AWS::CloudFront::ResponseHeadersPolicy': 'response-headers-policy',
  'AWS::CloudFront::OriginAccessControl': 'origin-access-control',
  'AWS::Lambda::EventSourceMapping': 'eventsourcemapping',
};

/** What IAM cannot tell apart by tag, so one account's roles all reach (DEPLOYMENT.md, step 6, names them). */
const UNTAGGABLE = [
  'AWS::CloudFront::CachePolicy',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::CloudFront::ResponseHeadersPolicy',
];

const generatedName = (stack: string, logicalId: string, type: string) => {
  const name = `${stack}-${logicalId}-A1B2C3D4E5F6`;
  return type === 'AWS::S3::Bucket' ? name.toLowerCase() : name;
};

/** Every named resource of the deployed stack as [logical id, ARN, creating action]. */
function namedArns(deployed: Deployed, stack: string): [string, string, string][] {
  return Object.entries(deployed.Resources).flatMap(([id, resource]) => {
    const named = NAMED[resource.Type];
    if (!named) return [];
    const given = resolve(resource.Properties?.[named.property], { ...PSEUDO, 'AWS::StackName': stack });
    const name = typeof given === 'string' ? given : generatedName(stack, id, resource.Type);
    return [[id, named.arn(name), named.action]];
  });
}

/** What the stack's Arn attributes and Refs resolve to, for reading its roles' statements. */
function stackValues(deployed: Deployed, stack: string, environment: string): Record<string, string> {
  const values: Record<string, string> = { ...PSEUDO, 'AWS::StackName': stack, Environment: environment };
  for (const [id, arn] of namedArns(deployed, stack)) values[`${id}.Arn`] = arn;
  // API ids are generated: any will do, the boundary does not name them.
  for (const [id, r] of Object.entries(deployed.Resources)) {
    if (r.Type === 'AWS::ApiGatewayV2::Api') values[id] = `${id.toLowerCase()}0a1b`;
  }
  return values;
}

let transformed: Promise<Record<DeployEnvironment, Deployed>> | undefined;

/** Every environment's template as CloudFormation deploys it (samconfig.toml's parameters); made once per file. */
function deployedTemplates(): Promise<Record<DeployEnvironment, Deployed>> {
  transformed ??= Promise.all(
    DEPLOY_ENVIRONMENTS.map(async (env) => {
      const target = await loadTarget(process.cwd(), env);
      return samTransform(TEMPLATE_PATH, { parameters: target.parameters, placeholderCode: true });
    }),
  ).then(
    (all) =>
      Object.fromEntries(DEPLOY_ENVIRONMENTS.map((env, i) => [env, all[i]])) as Record<
        DeployEnvironment,
        Deployed
      >,
  );
  return transformed;
}

/**
 * Each environment's deploy role (deploy-role.yaml) against what CloudFormation does for the template in that
 * environment, derived from the template itself, so a resource type, name or transform added to template.yaml
 * fails here until the role allows it; and against the other environments, which it must not reach.
 */
describe.each(DEPLOY_ENVIRONMENTS)('the %s deploy role', (environment) => {
  const stack = `blogapp-${environment}`;
  const others = DEPLOY_ENVIRONMENTS.filter((e) => e !== environment);
  let app: Template;
  let deployed: Record<DeployEnvironment, Deployed>;
  let deployRole: DeployRole;
  const actions = () =>
    deployRole.statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());

  beforeAll(async () => {
    app = await loadTemplate();
    deployed = await deployedTemplates();
    deployRole = await loadDeployRole(environment);
  }, 120_000);

  it('may create change sets on its own stack with every transform the template names', () => {
    const transforms = [app.Transform].flat().filter((t): t is string => typeof t === 'string');
    expect(transforms.length).toBeGreaterThan(0);
    for (const transform of transforms) {
      const arn = `arn:aws:cloudformation:${region}:aws:transform/${transform.replace('AWS::', '')}`;
      expect(grants(deployRole.statements, 'cloudformation:CreateChangeSet', arn), transform).not.toEqual([]);
    }
    const own = `arn:aws:cloudformation:${region}:${account}:stack/${stack}/0a1b2c3d`;
    for (const action of [
      'cloudformation:ExecuteChangeSet',
      'cloudformation:DeleteStack',
      'cloudformation:RollbackStack',
    ]) {
      expect(grants(deployRole.statements, action, own), action).not.toEqual([]);
    }
  });

  it('is allowed into every service whose resources the deployed template holds', () => {
    const services = [
      ...new Set(Object.values(deployed[environment].Resources).map((r) => iamPrefix(r.Type))),
    ];
    expect(services).toEqual(expect.arrayContaining(['lambda', 'apigateway', 'dynamodb', 'iam']));
    const granted = new Set(actions().map((action) => action.split(':')[0]));
    expect(services.filter((service) => !granted.has(service))).toEqual([]);
  });

  it('knows how IAM names every resource type the deployed template holds', () => {
    const types = new Set(Object.values(deployed[environment].Resources).map((r) => r.Type));
    const unclassified = [...types].filter(
      (type) => !NAMED[type] && !PART_OF_ANOTHER.has(type) && !idNamed(type),
    );
    // A new type lands here: add it to NAMED (and the role), or, if IAM knows it by a generated id, to the
    // id-named ones (and the role's DenyOtherEnvironments).
    expect(unclassified).toEqual([]);
    expect([...types].filter(idNamed).length).toBeGreaterThan(0);
  });

  it('may act on every resource its stack and the Terraform stack module name', async () => {
    // terraformArns holds only while the module names everything after blogapp-<environment>.
    const module = await readFile('infrastructure/terraform/modules/stack/main.tf', 'utf8');
    expect(module).toMatch(/\bname\s*=\s*"blogapp-\$\{var\.environment\}"/);
    const arns = [...namedArns(deployed[environment], stack), ...terraformNamedArns(stack)];
    expect(arns.length).toBeGreaterThan(20);
    const refused = arns.filter(([, arn, action]) => grants(deployRole.statements, action, arn).length === 0);
    expect(refused).toEqual([]);
  });

  it('cannot touch another environment’s stack, resources or artifacts', () => {
    for (const other of others) {
      const otherStack = `blogapp-${other}`;
      const arns: [string, string, string][] = [
        ...namedArns(deployed[other], otherStack),
        ...terraformNamedArns(otherStack),
        [
          'stack',
          `arn:aws:cloudformation:${region}:${account}:stack/${otherStack}/0a1b2c3d`,
          'cloudformation:ExecuteChangeSet',
        ],
        [
          'stack',
          `arn:aws:cloudformation:${region}:${account}:stack/${otherStack}/0a1b2c3d`,
          'cloudformation:DeleteStack',
        ],
        [
          'artifacts',
          `arn:aws:s3:::blogapp-artifacts-${account}-${region}/${otherStack}/ApiFunction/0f.zip`,
          's3:PutObject',
        ],
        ['deploy role', arnOf.role(`blogapp-deploy-${other}-${region}`), 'iam:PutRolePolicy'],
      ];
      // Every action on each resource, not only the creating one: s3:*, dynamodb:* and the like included.
      const reached = arns.flatMap(([id, arn, action]) =>
        [action, `${action.split(':')[0]}:DeleteSomething`]
          .filter((a) => grants(deployRole.statements, a, arn).length > 0)
          .map((a) => `${id} ${a} ${arn}`),
      );
      expect(reached, other).toEqual([]);
    }
  });

  it('only reads the bootstrap: its stack, the artifacts bucket’s settings and the API Gateway logging role', () => {
    const bootstrapStack = `arn:aws:cloudformation:${region}:${account}:stack/blogapp-bootstrap/0a1b2c3d`;
    expect(grants(deployRole.statements, 'cloudformation:DescribeStacks', bootstrapStack)).not.toEqual([]);
    const writes: [string, string][] = [
      ['cloudformation:UpdateStack', bootstrapStack],
      ['cloudformation:DeleteStack', bootstrapStack],
      ['s3:PutBucketPolicy', arnOf.bucket(`blogapp-artifacts-${account}-${region}`)],
      ['s3:DeleteBucket', arnOf.bucket(`blogapp-artifacts-${account}-${region}`)],
      ['s3:PutObject', `${arnOf.bucket(`blogapp-artifacts-${account}-${region}`)}/elsewhere/x.zip`],
      ['iam:PassRole', arnOf.role('blogapp-bootstrap-ApiGatewayCloudWatchRole-A1B2C3')],
      ['iam:PutRolePolicy', arnOf.role('blogapp-bootstrap-ApiGatewayCloudWatchRole-A1B2C3')],
    ];
    expect(writes.filter(([action, arn]) => grants(deployRole.statements, action, arn).length > 0)).toEqual(
      [],
    );
  });

  it('cannot rewrite its own permissions', () => {
    const own = arnOf.role(deployRole.roleName);
    expect(grants(deployRole.statements, 'iam:PutRolePolicy', own)).toEqual([]);
    expect(grants(deployRole.statements, 'iam:AttachRolePolicy', own)).toEqual([]);
    expect(
      grants(
        deployRole.statements,
        'cloudformation:UpdateStack',
        `arn:aws:cloudformation:${region}:${account}:stack/blogapp-deploy-role-${environment}/0a1b2c3d`,
      ),
    ).toEqual([]);
  });

  it('reaches id-named resources (APIs, user pools, distributions, mappings) only where they are tagged its own', async () => {
    const deny = deployRole.statements.find((s) => s.Effect === 'Deny');
    expect(deny?.Resource).toBe('*');
    expect([deny?.Action].flat()).toEqual(
      expect.arrayContaining([...ID_NAMED_SERVICES].map((s) => `${s}:*`).concat('lambda:*')),
    );
    expect(deny?.Condition).toEqual({
      Null: { 'aws:ResourceTag/environment': 'false' },
      StringNotEquals: { 'aws:ResourceTag/environment': environment },
    });
    // The tag the deny reads is the one every stack of this environment is given.
    expect((await loadTarget(process.cwd(), environment)).tags.environment).toBe(environment);
  });

  it('manages users only in user pools tagged its own environment, not in untagged ones', () => {
    const pool = `arn:aws:cognito-idp:${region}:${account}:userpool/${region}_AbC123`;
    for (const action of ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword']) {
      const allowing = grants(deployRole.statements, action, pool, { unscoped: true });
      expect(allowing.length, action).toBeGreaterThan(0);
      for (const statement of allowing) {
        expect(statement.Condition, action).toEqual({
          StringEquals: { 'aws:ResourceTag/environment': environment },
        });
      }
    }
    // The tag those calls need is on the pool itself (the stack's Environment), not only on the stack.
    const userPools = Object.values(deployed[environment].Resources).filter(
      (r) => r.Type === 'AWS::Cognito::UserPool',
    );
    expect(userPools).toHaveLength(1);
    for (const userPool of userPools) {
      expect((userPool.Properties as { UserPoolTags?: unknown }).UserPoolTags).toEqual({
        environment: { Ref: 'Environment' },
      });
    }
  });

  it('is kept off other environments’ id-named resources wherever AWS evaluates their tags', async () => {
    const authorization = await loadServiceAuthorization();
    const types = [...new Set(Object.values(deployed[environment].Resources).map((r) => r.Type))].filter(
      idNamed,
    );
    const unknown = types.filter((type) => !IAM_RESOURCE_TYPE[type]);
    expect(unknown).toEqual([]);
    const untagged = types.filter(
      (type) => !supportsResourceTags(authorization, iamPrefix(type), IAM_RESOURCE_TYPE[type] ?? ''),
    );
    // When AWS adds tag conditions to one of these, take it out here and from DEPLOYMENT.md.
    expect(untagged.sort()).toEqual(UNTAGGABLE);
  });

  it('creates and changes event source mappings only for its own functions', () => {
    const [mappings] = grants(deployRole.statements, 'lambda:CreateEventSourceMapping', '*', {
      unscoped: true,
    });
    expect(mappings?.Condition).toEqual({
      ArnLike: { 'lambda:FunctionArn': `arn:aws:lambda:${region}:${account}:function:${stack}-*` },
    });
    expect([mappings?.Action].flat()).toContain('lambda:DeleteEventSourceMapping');
  });

  it('attaches only the AWS managed policies the deployed template attaches', () => {
    const attached = new Set(
      DEPLOY_ENVIRONMENTS.flatMap((env) =>
        Object.values(deployed[env].Resources).flatMap((r) =>
          r.Type === 'AWS::IAM::Role'
            ? (resolve(r.Properties?.ManagedPolicyArns ?? [], PSEUDO) as string[])
            : [],
        ),
      ),
    );
    const [attach] = grants(
      deployRole.statements,
      'iam:AttachRolePolicy',
      arnOf.role(`${stack}-ApiFunctionRole-X`),
    );
    const allowed = attach?.Condition?.ArnEquals?.['iam:PolicyARN'];
    expect(new Set(allowed as string[])).toEqual(attached);
  });

  it('creates and changes roles only with its environment’s permissions boundary', () => {
    const role = arnOf.role(`${stack}-ApiFunctionRole-X`);
    for (const action of [
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:PutRolePermissionsBoundary',
    ]) {
      const granting = grants(deployRole.statements, action, role);
      expect(granting.length, action).toBeGreaterThan(0);
      for (const statement of granting) {
        expect(statement.Condition?.StringEquals?.['iam:PermissionsBoundary'], action).toBe(
          deployRole.boundary.arn,
        );
      }
    }
    expect(grants(deployRole.statements, 'iam:DeleteRolePermissionsBoundary', role)).toEqual([]);
    expect(deployRole.boundary.arn).toBe(`arn:aws:iam::${account}:policy/${stack}-boundary`);
    // The boundary itself is out of reach: no IAM action on policies.
    expect(grants(deployRole.statements, 'iam:CreatePolicyVersion', deployRole.boundary.arn)).toEqual([]);
  });

  it('gives every role its stack creates that boundary', () => {
    const roles = Object.entries(deployed[environment].Resources).filter(
      ([, r]) => r.Type === 'AWS::IAM::Role',
    );
    expect(roles.length).toBeGreaterThanOrEqual(5);
    const values = { ...PSEUDO, Environment: environment };
    const boundaries = roles.map(([id, r]) => [id, resolve(r.Properties?.PermissionsBoundary, values)]);
    expect(boundaries).toEqual(roles.map(([id]) => [id, deployRole.boundary.arn]));
  });

  it('lets the functions do, within the boundary, what their own statements and AWS’s policies ask', () => {
    const values = stackValues(deployed[environment], stack, environment);
    const asked = Object.values(deployed[environment].Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap(
        (r) => (r.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? [],
      )
      .flatMap((p) => resolve(p.PolicyDocument.Statement, values) as Statement[])
      .flatMap((s) =>
        [s.Action].flat().flatMap((action) => [s.Resource].flat().map((arn) => [action, arn] as const)),
      );
    // What the attached managed policies give that the functions use: logs, traces, the stream, the canary.
    const functionArn = arnOf.function(`${stack}-api`);
    const managed = [
      [
        'logs:PutLogEvents',
        `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${stack}-api:log-stream:x`,
      ],
      ['xray:PutTraceSegments', '*'],
      ['dynamodb:GetRecords', `${values['Table.Arn']}/stream/2026-01-01T00:00:00.000`],
      ['lambda:UpdateAlias', `${functionArn}:live`],
      ['cloudwatch:DescribeAlarms', '*'],
    ] as const;
    expect(asked.length).toBeGreaterThan(10);
    const outside = [...asked, ...managed].filter(
      ([action, arn]) =>
        grants(deployRole.boundary.statements, action, String(arn), { unscoped: true }).length === 0,
    );
    expect(outside).toEqual([]);
  });

  it('keeps the functions, through the boundary, off every other environment’s resources', () => {
    for (const other of others) {
      const arns = namedArns(deployed[other], `blogapp-${other}`);
      const reached = arns.filter(([, arn, action]) =>
        [action, `${action.split(':')[0]}:GetSomething`].some(
          (a) => grants(deployRole.boundary.statements, a, arn).length > 0,
        ),
      );
      expect(reached, other).toEqual([]);
    }
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

  it('is assumable only from its own GitHub environment', () => {
    expect(deployRole.trust.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']).toBe(
      `repo:\${GitHubOwner}/\${GitHubRepository}:environment:${environment}`,
    );
    expect(isObject(deployRole.trust.Condition) && Object.keys(deployRole.trust.Condition)).toEqual([
      'StringEquals',
    ]);
  });
});
