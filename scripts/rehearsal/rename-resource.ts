import { isObject, type Template } from '../template/template.js';

/**
 * The template with one resource's logical id changed everywhere it is named (Ref, GetAtt, Sub, DependsOn):
 * to CloudFormation that deletes the old resource and creates a new one, the change the guard must stop.
 */
export function renameResource(template: Template, from: string, to: string): Template {
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (typeof node === 'string') return node;
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && value === from) out[key] = to;
      else if (key === 'Fn::GetAtt' && Array.isArray(value) && value[0] === from)
        out[key] = [to, ...value.slice(1)];
      else if (key === 'Fn::Sub' && typeof value === 'string')
        out[key] = value.replace(new RegExp(`\\$\\{${from}([.}])`, 'g'), `\${${to}$1`);
      else if (key === 'DependsOn') out[key] = [value].flat().map((id) => (id === from ? to : id));
      else out[key] = rename(value);
    }
    return out;
  };
  const renamed = rename(template) as Template;
  const { [from]: moved, ...others } = renamed.Resources;
  if (!moved) throw new Error(`the template has no resource ${from}`);
  return { ...renamed, Resources: { ...others, [to]: moved } };
}
