import { join } from 'node:path';
import { isObject, loadTemplate, TEMPLATE_DIR } from '../../../scripts/template/template.js';

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

export interface DeployRole {
  roleName: string;
  trust: Statement & { Principal: { Federated: string } };
  statements: Statement[];
}

/** `Fn::Sub` strings (and `Ref`s to parameters) resolved for these values, everywhere in a value. */
export function resolve(value: unknown, values: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, values));
  if (!isObject(value)) return value;
  if (typeof value['Fn::Sub'] === 'string') {
    return value['Fn::Sub'].replace(/\$\{([\w:]+)\}/g, (whole, name: string) => values[name] ?? whole);
  }
  if (typeof value.Ref === 'string' && value.Ref in values) return values[value.Ref];
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, values)]));
}

/** deploy-role.yaml's role as CloudFormation would create it for one environment. */
export async function loadDeployRole(environment: string): Promise<DeployRole> {
  const template = await loadTemplate(join(TEMPLATE_DIR, 'deploy-role.yaml'));
  const role = resolve(template.Resources.DeployRole?.Properties, {
    ...PSEUDO,
    Environment: environment,
  }) as {
    RoleName: string;
    AssumeRolePolicyDocument: { Statement: DeployRole['trust'][] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };
  const [trust] = role.AssumeRolePolicyDocument.Statement as [DeployRole['trust']];
  return {
    roleName: role.RoleName,
    trust,
    statements: role.Policies.flatMap((p) => p.PolicyDocument.Statement),
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
