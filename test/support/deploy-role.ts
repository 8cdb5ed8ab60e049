import { join } from 'node:path';
import { isObject, loadTemplate, TEMPLATE_DIR } from '../../scripts/template/template.js';

/** Where the resolved ARNs live; any account and region would do, they only have to be the same everywhere. */
export const PSEUDO = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
} as const;

export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * `Fn::Sub` strings, `Ref`s and `Fn::GetAtt`s resolved for these values (`Name`, `Id.Attribute`), everywhere
 * in a value; what the values do not name is left as it is.
 */
export function resolve(value: unknown, values: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, values));
  if (!isObject(value)) return value;
  if (typeof value['Fn::Sub'] === 'string') {
    return value['Fn::Sub'].replace(/\$\{([\w:.]+)\}/g, (whole, name: string) => values[name] ?? whole);
  }
  if (typeof value.Ref === 'string' && value.Ref in values) return values[value.Ref];
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt.join('.') in values) return values[getAtt.join('.')];
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, values)]));
}

export interface DeployRole {
  roleName: string;
  trust: Statement & { Principal: { Federated: string } };
  statements: Statement[];
  /** The permissions boundary every role of the environment's stack must carry: its ARN and statements. */
  boundary: { arn: string; statements: Statement[] };
}

/** deploy-role.yaml's role and boundary as CloudFormation would create them for one environment. */
export async function loadDeployRole(environment: string): Promise<DeployRole> {
  const template = await loadTemplate(join(TEMPLATE_DIR, 'deploy-role.yaml'));
  const values: Record<string, string> = { ...PSEUDO, Environment: environment };
  const policy = resolve(template.Resources.FunctionBoundary?.Properties, values) as {
    ManagedPolicyName: string;
    PolicyDocument: { Statement: Statement[] };
  };
  // Ref to a managed policy is its ARN.
  values.FunctionBoundary = `arn:aws:iam::${PSEUDO['AWS::AccountId']}:policy/${policy.ManagedPolicyName}`;
  const role = resolve(template.Resources.DeployRole?.Properties, values) as {
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

const matchesAny = (patterns: string | string[], value: string) =>
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
