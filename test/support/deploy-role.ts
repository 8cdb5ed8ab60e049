import { join } from 'node:path';
import { isObject, loadTemplate, TEMPLATE_DIR } from '../../scripts/template/template.js';

/** Where the resolved ARNs live; any account and region would do, they only have to be the same everywhere. */
export const PSEUDO = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
} as const;

const { 'AWS::Region': region, 'AWS::AccountId': account } = PSEUDO;

/** The ARN IAM sees for a resource of each kind, by its name (or, where AWS generates it, its id). */
export const arnOf = {
  function: (n: string) => `arn:aws:lambda:${region}:${account}:function:${n}`,
  logGroup: (n: string) => `arn:aws:logs:${region}:${account}:log-group:${n}`,
  // Secrets Manager appends -<6 characters> to the name.
  secret: (n: string) => `arn:aws:secretsmanager:${region}:${account}:secret:${n}-AbCdEf`,
  dashboard: (n: string) => `arn:aws:cloudwatch::${account}:dashboard/${n}`,
  alarm: (n: string) => `arn:aws:cloudwatch:${region}:${account}:alarm:${n}`,
  table: (n: string) => `arn:aws:dynamodb:${region}:${account}:table/${n}`,
  bucket: (n: string) => `arn:aws:s3:::${n}`,
  queue: (n: string) => `arn:aws:sqs:${region}:${account}:${n}`,
  topic: (n: string) => `arn:aws:sns:${region}:${account}:${n}`,
  role: (n: string) => `arn:aws:iam::${account}:role/${n}`,
  application: (n: string) => `arn:aws:codedeploy:${region}:${account}:application:${n}`,
  api: (path: string) => `arn:aws:apigateway:${region}::${path}`,
  userPool: (id: string) => `arn:aws:cognito-idp:${region}:${account}:userpool/${id}`,
  cloudfront: (path: string) => `arn:aws:cloudfront::${account}:${path}`,
  eventSourceMapping: (id: string) => `arn:aws:lambda:${region}:${account}:event-source-mapping:${id}`,
};

export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const NO_VALUE = Symbol('AWS::NoValue');

/**
 * `Fn::Sub` strings, `Ref`s, `Fn::GetAtt`s and `Fn::If`s on the given conditions resolved for these values
 * (`Name`, `Id.Attribute`), everywhere in a value; an `Fn::If` branch that is `AWS::NoValue` leaves its list.
 * What the values and conditions do not name is left as it is.
 */
export function resolve(
  value: unknown,
  values: Record<string, string>,
  conditions: Record<string, boolean> = {},
): unknown {
  const resolved = resolveValue(value, values, conditions);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(
  value: unknown,
  values: Record<string, string>,
  conditions: Record<string, boolean>,
): unknown {
  const inner = (item: unknown) => resolveValue(item, values, conditions);
  if (Array.isArray(value)) return value.map(inner).filter((item) => item !== NO_VALUE);
  if (!isObject(value)) return value;
  if (typeof value['Fn::Sub'] === 'string') {
    return value['Fn::Sub'].replace(/\$\{([\w:.]+)\}/g, (whole, name: string) => values[name] ?? whole);
  }
  if (value.Ref === 'AWS::NoValue') return NO_VALUE;
  if (typeof value.Ref === 'string' && value.Ref in values) return values[value.Ref];
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.join('.') in values) return values[getAtt.join('.')];
  const choice = value['Fn::If'];
  if (Array.isArray(choice) && typeof choice[0] === 'string' && choice[0] in conditions) {
    return inner(conditions[choice[0]] ? choice[1] : choice[2]);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inner(item)]));
}

export interface DeployRole {
  roleName: string;
  trust: Statement & { Principal: { Federated: string } };
  statements: Statement[];
  /** The permissions boundary every role of the environment's stack must carry: its ARN and statements. */
  boundary: { arn: string; statements: Statement[] };
}

/**
 * deploy-role.yaml's role and boundary as CloudFormation would create them for one environment; with
 * `terraformStateBucket`, as deployed with that TerraformStateBucket (by default empty, the parameter's
 * default).
 */
export async function loadDeployRole(
  environment: string,
  { terraformStateBucket = '' }: { terraformStateBucket?: string } = {},
): Promise<DeployRole> {
  const template = await loadTemplate(join(TEMPLATE_DIR, 'deploy-role.yaml'));
  const values: Record<string, string> = {
    ...PSEUDO,
    Environment: environment,
    TerraformStateBucket: terraformStateBucket,
  };
  const conditions = { HasTerraformState: terraformStateBucket !== '' };
  const policy = resolve(template.Resources.FunctionBoundary?.Properties, values) as {
    ManagedPolicyName: string;
    PolicyDocument: { Statement: Statement[] };
  };
  // Ref to a managed policy is its ARN.
  values.FunctionBoundary = `arn:aws:iam::${PSEUDO['AWS::AccountId']}:policy/${policy.ManagedPolicyName}`;
  const role = resolve(template.Resources.DeployRole?.Properties, values, conditions) as {
    RoleName: string;
    AssumeRolePolicyDocument: { Statement: DeployRole['trust'][] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  const [trust] = role.AssumeRolePolicyDocument.Statement as [DeployRole['trust']];
  return {
    roleName: role.RoleName,
    trust,
    statements: role.Policies.flatMap((p) => p.PolicyDocument.Statement),
    boundary: { arn: values.FunctionBoundary, statements: policy.PolicyDocument.Statement },
  };
}

/** IAM's wildcard match: `*` any run of characters (`/` and `:` included), `?` any one. */
const wildcard = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** Whether the value matches any of the IAM patterns (resources, condition values). */
export const matchesAny = (patterns: string | string[], value: string) =>
  [patterns].flat().some((pattern) => wildcard(pattern).test(value));

/**
 * The Allow statements granting `action` on the ARN by their Action and Resource, conditions ignored: an upper
 * bound of what the role may do there (a condition only narrows it). Statements on "*" (where AWS allows no
 * resource scoping) count only with `unscoped`.
 */
export function grants(
  statements: Statement[],
  action: string,
  arn: string,
  { unscoped = false }: { unscoped?: boolean } = {},
): Statement[] {
  return statements.filter(
    (s) =>
      s.Effect === 'Allow' &&
      matchesAny(s.Action, action) &&
      (s.Resource === '*' ? unscoped : matchesAny(s.Resource, arn)),
  );
}
