import { isObject } from '../template/template.js';

export interface StoodIn {
  logicalId: string;
  type: string;
}

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }
>;

/**
 * Replaces each resource of a type the emulator cannot create with an SSM parameter standing in for it
 * (named /rehearsal/<stack>/<logical id>, its value the type it stands for), so the rest of the stack still
 * deploys and the stand-ins are visible in the emulator. References follow: `Ref` to a stood-in alias is its
 * function (moto has no aliases: event sources and permissions then target the function itself); any other
 * `Ref` is the parameter's name, and `Fn::GetAtt` on a stand-in is the string `stand-in:<id>.<attribute>`.
 */
export function standIn(
  template: { Resources: Resources },
  supported: Set<string>,
): { template: { Resources: Resources }; stoodIn: StoodIn[] } {
  const stoodIn = Object.entries(template.Resources)
    .filter(([, resource]) => !supported.has(resource.Type))
    .map(([logicalId, resource]) => ({ logicalId, type: resource.Type }));
  const ids = new Map(stoodIn.map((s) => [s.logicalId, s.type]));
  const aliasTargets = new Map(
    stoodIn
      .filter((s) => s.type === 'AWS::Lambda::Alias')
      .map((s) => [s.logicalId, template.Resources[s.logicalId]?.Properties?.FunctionName]),
  );

  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!isObject(node)) return node;
    const keys = Object.keys(node);
    if (
      keys.length === 1 &&
      keys[0] === 'Ref' &&
      typeof node.Ref === 'string' &&
      aliasTargets.has(node.Ref)
    ) {
      return rewrite(aliasTargets.get(node.Ref));
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt' && Array.isArray(node['Fn::GetAtt'])) {
      const [id, attribute] = node['Fn::GetAtt'] as [string, string];
      if (ids.has(id)) return `stand-in:${id}.${attribute}`;
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub' && typeof node['Fn::Sub'] === 'string') {
      const text = (node['Fn::Sub'] as string).replace(
        /\$\{([A-Za-z0-9]+)\.([A-Za-z0-9.]+)\}/g,
        (whole, id, attribute) => (ids.has(id) ? `stand-in:${id}.${attribute}` : whole),
      );
      return { 'Fn::Sub': text };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value)]));
  };

  const resources: Resources = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const type = ids.get(logicalId);
    if (!type) {
      resources[logicalId] = rewrite(resource) as Resources[string];
      continue;
    }
    const { Properties: _dropped, Type: _type, UpdatePolicy: _policy, ...attributes } = resource;
    resources[logicalId] = {
      ...(rewrite(attributes) as Record<string, unknown>),
      Type: 'AWS::SSM::Parameter',
      Properties: {
        Name: { 'Fn::Sub': `/rehearsal/\${AWS::StackName}/${logicalId}` },
        Type: 'String',
        Value: `stand-in for ${type}`,
      },
    };
  }
  const rest = rewrite({ ...template, Resources: {} }) as Record<string, unknown>;
  return { template: { ...rest, Resources: resources }, stoodIn };
}
