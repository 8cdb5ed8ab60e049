import { isObject, type Template } from '../../../scripts/template/template.js';

/** One statement of a policy the template writes, with the resource whose policy holds it. */
export interface Statement {
  owner: string;
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
}

export const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** Every Allow statement the template writes: function Policies and any IAM resource's documents. */
export function allowStatements(t: Template): Statement[] {
  const fromDocument = (owner: string, document: unknown): Statement[] => {
    if (!isObject(document)) return [];
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    return statements.filter(isObject).map((statement) => ({ owner, ...statement }));
  };
  const all = Object.entries(t.Resources).flatMap(([logicalId, resource]) => {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::Serverless::Function') {
      const policies = Array.isArray(properties.Policies) ? properties.Policies : [properties.Policies ?? []];
      return policies.flat().flatMap((policy) => fromDocument(logicalId, policy));
    }
    if (resource.Type.startsWith('AWS::IAM::')) {
      const inline = Array.isArray(properties.Policies) ? properties.Policies : [];
      return [
        ...fromDocument(logicalId, properties.PolicyDocument),
        ...inline.flatMap((policy) =>
          fromDocument(logicalId, isObject(policy) ? policy.PolicyDocument : undefined),
        ),
      ];
    }
    return [];
  });
  return all.filter((statement) => statement.Effect === 'Allow');
}

/** IAM's matching of an action or ARN against a pattern: `*` any run of characters, `?` any one. */
export function iamMatches(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`, 'i').test(value);
}

/**
 * Whether an Allow statement grants `action` on `arn`, its resources resolved to ARNs by `resolveArn`.
 * Actions compare without regard to case, as IAM's do. A statement with a Condition is not counted: this
 * check cannot tell whether the call meets it.
 */
export function grants(
  statement: Statement,
  action: string,
  arn: string,
  resolveArn: (resource: unknown) => string,
): boolean {
  if (statement.Condition !== undefined) return false;
  const actions = list(statement.Action).map(String);
  if (!actions.some((pattern) => iamMatches(pattern, action))) return false;
  return list(statement.Resource).some((resource) => iamMatches(resolveArn(resource), arn));
}
