import { readFile } from 'node:fs/promises';
import { type CollectionTag, parseDocument, type ScalarTag, type Tags } from 'yaml';

/**
 * CloudFormation's short-form tags (`!Ref x`, `!GetAtt a.b`, `!Sub ...`) turned into the long form
 * (`{ Ref: x }`, `{ 'Fn::GetAtt': [a, b] }`, `{ 'Fn::Sub': ... }`), as CloudFormation itself reads them.
 */
export const SHORT_FORM_FUNCTIONS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Select',
  'Split',
  'Join',
  'FindInMap',
  'ImportValue',
  'Base64',
  'GetAZs',
  'Cidr',
  'Length',
  'ToJsonString',
] as const;

const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

function scalarArgument(name: string, value: string): unknown {
  if (name !== 'GetAtt') return value;
  // `!GetAtt Resource.Attribute.With.Dots`: only the first dot separates the resource.
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function cloudFormationTags(): Tags {
  return SHORT_FORM_FUNCTIONS.flatMap((name) => {
    const tag = `!${name}`;
    const key = longName(name);
    const scalar: ScalarTag = { tag, resolve: (value) => ({ [key]: scalarArgument(name, value) }) };
    const collection = (kind: 'seq' | 'map'): CollectionTag => ({
      tag,
      collection: kind,
      resolve: (node) => ({ [key]: node.toJSON() }),
    });
    return [scalar, collection('seq'), collection('map')];
  });
}

/** Parses a CloudFormation/SAM YAML template; unknown tags and YAML errors are errors, not warnings. */
export function parseCloudFormationYaml(text: string): unknown {
  // `merge`: the template shares one BuildProperties block through `<<: *esbuild`, as the SAM CLI's
  // PyYAML loader resolves it.
  const doc = parseDocument(text, { customTags: cloudFormationTags(), merge: true, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join('\n'));
  return doc.toJS({ maxAliasCount: -1 });
}

export async function readCloudFormationYaml(path: string): Promise<unknown> {
  return parseCloudFormationYaml(await readFile(path, 'utf8'));
}
