import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import { isObject } from '../../../scripts/template/template.js';

/**
 * Checks a resource's Properties against the CloudFormation resource specification AWS publishes
 * (@aws-cdk/aws-service-spec): every property name exists, required ones are present, values have the
 * right shape. Intrinsic functions stand for values unknown until deploy time and are accepted, except
 * `Fn::If`, whose branches are both checked.
 */
type SpecDatabase = Awaited<ReturnType<typeof loadAwsServiceSpec>>;

type PropertyType =
  | { type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: PropertyType }
  | { type: 'union'; types: PropertyType[] };

type SpecProperties = Record<string, { type: unknown; required?: boolean }>;

export class CloudFormationSpec {
  private constructor(private readonly db: SpecDatabase) {}

  static async load(): Promise<CloudFormationSpec> {
    return new CloudFormationSpec(await loadAwsServiceSpec());
  }

  /** Problems with `properties` for a resource of `type`, each naming its path; empty when valid. */
  check(type: string, properties: Record<string, unknown> = {}): string[] {
    const [resource] = this.db.lookup('resource', 'cloudFormationType', 'equals', type);
    if (!resource) return [`${type} is not a CloudFormation resource type`];
    return this.checkObject(resource.properties as SpecProperties, properties, 'Properties');
  }

  private checkObject(spec: SpecProperties, value: unknown, path: string): string[] {
    if (isIntrinsic(value))
      return this.checkIntrinsic(value, path, (branch, at) => this.checkObject(spec, branch, at));
    if (!isObject(value)) return [`${path}: expected an object`];
    const unknown = Object.keys(value)
      .filter((name) => !(name in spec))
      .map((name) => `${path}.${name}: no such property`);
    const missing = Object.entries(spec)
      .filter(([name, property]) => property.required && !(name in value))
      .map(([name]) => `${path}.${name}: required`);
    const nested = Object.entries(value)
      .filter(([name]) => name in spec)
      .flatMap(([name, item]) => this.checkValue(spec[name]?.type as PropertyType, item, `${path}.${name}`));
    return [...unknown, ...missing, ...nested];
  }

  private checkValue(type: PropertyType, value: unknown, path: string): string[] {
    if (isIntrinsic(value))
      return this.checkIntrinsic(value, path, (branch, at) => this.checkValue(type, branch, at));
    switch (type.type) {
      case 'json':
        return [];
      case 'string':
      case 'date-time':
        return isScalar(value) ? [] : [`${path}: expected a string`];
      case 'number':
      case 'integer':
        return Number.isFinite(Number(value)) && isScalar(value) ? [] : [`${path}: expected a number`];
      case 'boolean':
        return [true, false, 'true', 'false'].includes(value as never) ? [] : [`${path}: expected a boolean`];
      case 'null':
        return value === null ? [] : [`${path}: expected null`];
      case 'tag':
        return isObject(value) && 'Key' in value && 'Value' in value
          ? []
          : [`${path}: expected a Key/Value tag`];
      case 'ref':
        return this.checkObject(this.definition(type.reference.$ref), value, path);
      case 'array':
        return Array.isArray(value)
          ? value.flatMap((item, index) => this.checkValue(type.element, item, `${path}[${index}]`))
          : [`${path}: expected a list`];
      case 'map':
        return isObject(value)
          ? Object.entries(value).flatMap(([key, item]) =>
              this.checkValue(type.element, item, `${path}.${key}`),
            )
          : [`${path}: expected a map`];
      case 'union': {
        const attempts = type.types.map((alternative) => this.checkValue(alternative, value, path));
        if (attempts.some((problems) => problems.length === 0)) return [];
        return attempts.reduce((fewest, problems) => (problems.length < fewest.length ? problems : fewest));
      }
    }
  }

  private checkIntrinsic(
    value: Record<string, unknown>,
    path: string,
    checkBranch: (branch: unknown, path: string) => string[],
  ): string[] {
    const branches = value['Fn::If'];
    if (!Array.isArray(branches)) return [];
    return [branches[1], branches[2]]
      .filter((branch) => !isNoValue(branch))
      .flatMap((branch, index) => checkBranch(branch, `${path}(If branch ${index + 1})`));
  }

  private definition(id: string): SpecProperties {
    return this.db.get('typeDefinition', id).properties as SpecProperties;
  }
}

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  const [key] = keys;
  return (
    keys.length === 1 && key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'))
  );
}

const isNoValue = (value: unknown) => isObject(value) && value.Ref === 'AWS::NoValue';
