import { isObject, type Template } from '../../../scripts/template/template.js';

/**
 * A small CloudFormation evaluator for the tests: resolves parameters, conditions, mappings and the common
 * intrinsic functions for one deployment scenario, with plausible physical ids standing in for resources.
 */
export interface Scenario {
  parameters: Record<string, string | string[]>;
  region: string;
  accountId: string;
  stackName: string;
}

/** `!Ref AWS::NoValue`: removed from the object or list that holds it. */
export const NO_VALUE = Symbol('AWS::NoValue');

export function scenario(template: Template, overrides: Record<string, string | string[]>): Scenario {
  const parameters: Record<string, string | string[]> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    const value =
      overrides[name] ?? (parameter.Default === undefined ? undefined : String(parameter.Default));
    if (value === undefined) throw new Error(`parameter ${name} has no default: give it a value`);
    parameters[name] =
      parameter.Type === 'CommaDelimitedList' && typeof value === 'string' ? value.split(',') : value;
  }
  const environment = String(parameters.Environment ?? 'development');
  return { parameters, region: 'us-east-1', accountId: '123456789012', stackName: `blogapp-${environment}` };
}

export function evaluateCondition(template: Template, name: string, s: Scenario): boolean {
  const condition = template.Conditions?.[name];
  if (condition === undefined) throw new Error(`no condition ${name}`);
  return Boolean(resolve(template, condition, s));
}

/** The value CloudFormation would use for `!Ref logicalId` (its physical id), made up but well-formed. */
export function physicalId(template: Template, logicalId: string, s: Scenario): string {
  const type = template.Resources[logicalId]?.Type;
  const arn = (service: string, rest: string) => `arn:aws:${service}:${s.region}:${s.accountId}:${rest}`;
  switch (type) {
    case undefined:
      throw new Error(`Ref to unknown resource ${logicalId}`);
    case 'AWS::S3::Bucket':
      return `${s.stackName}-${logicalId}-1a2b3c4d5e6f`.toLowerCase();
    case 'AWS::Serverless::HttpApi':
    case 'AWS::Serverless::WebSocketApi':
      return `${logicalId.slice(0, 4).toLowerCase()}123456`;
    case 'AWS::SecretsManager::Secret':
      return arn('secretsmanager', `secret:${logicalId}-AbCdEf`);
    case 'AWS::SNS::Topic':
      return arn('sns', `${s.stackName}-${logicalId}-1A2B3C4D5E6F`);
    case 'AWS::Cognito::UserPool':
      return `${s.region}_AbC123dEf`;
    case 'AWS::Cognito::UserPoolClient':
      return `${logicalId.toLowerCase().replace(/appclient$/, '')}client0123456789abcdef`;
    case 'AWS::Cognito::UserPoolDomain':
      // Ref gives the domain prefix it was created with.
      return String(resolve(template, template.Resources[logicalId]?.Properties?.Domain, s));
    case 'AWS::CloudFront::Distribution':
      return 'E2ABCDEFGHIJKL';
    default:
      return `${s.stackName}-${logicalId}-1A2B3C4D5E6F`;
  }
}

function getAtt(template: Template, logicalId: string, attribute: string, s: Scenario): string {
  const id = physicalId(template, logicalId, s);
  if (attribute === 'DomainName' && template.Resources[logicalId]?.Type === 'AWS::CloudFront::Distribution')
    return 'd111111abcdef8.cloudfront.net';
  if (attribute === 'Arn')
    return id.startsWith('arn:') ? id : `arn:aws:placeholder:${s.region}:${s.accountId}:${id}`;
  return `${id}.${attribute}`;
}

function ref(template: Template, name: string, s: Scenario): unknown {
  const pseudo: Record<string, unknown> = {
    'AWS::Region': s.region,
    'AWS::AccountId': s.accountId,
    'AWS::StackName': s.stackName,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': NO_VALUE,
  };
  if (name in pseudo) return pseudo[name];
  if (name in s.parameters) return s.parameters[name];
  // SAM's `!Ref Function.Alias`: the alias ARN.
  const [logicalId = name, samAttribute] = name.split('.');
  if (samAttribute) return `${getAtt(template, logicalId, 'Arn', s)}:live`;
  return physicalId(template, logicalId, s);
}

function substitute(template: Template, text: string, variables: Record<string, unknown>, s: Scenario) {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in variables) return String(resolve(template, variables[name], s));
    const [logicalId = name, attribute] = name.split(/\.(.*)/s);
    return String(attribute ? getAtt(template, logicalId, attribute, s) : ref(template, name, s));
  });
}

/** Resolves every intrinsic function in `value` for the scenario. */
export function resolve(template: Template, value: unknown, s: Scenario): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolve(template, item, s)).filter((item) => item !== NO_VALUE);
  }
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const [key] = keys;
  if (
    keys.length === 1 &&
    key !== undefined &&
    (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'))
  ) {
    return intrinsic(template, key, value[key], s);
  }
  return Object.fromEntries(
    Object.entries(value)
      .map(([name, item]) => [name, resolve(template, item, s)] as const)
      .filter(([, item]) => item !== NO_VALUE),
  );
}

function intrinsic(template: Template, name: string, argument: unknown, s: Scenario): unknown {
  const args = Array.isArray(argument) ? argument : [argument];
  const at = (index: number) => resolve(template, args[index], s);
  switch (name) {
    case 'Ref':
      return ref(template, String(argument), s);
    case 'Condition':
      return evaluateCondition(template, String(argument), s);
    case 'Fn::GetAtt':
      return getAtt(template, String(args[0]), String(args[1]), s);
    case 'Fn::Sub':
      return typeof argument === 'string'
        ? substitute(template, argument, {}, s)
        : substitute(template, String(args[0]), (args[1] ?? {}) as Record<string, unknown>, s);
    case 'Fn::Join':
      return (at(1) as unknown[]).join(String(args[0]));
    case 'Fn::Split':
      return String(at(1)).split(String(args[0]));
    case 'Fn::Select':
      return (at(1) as unknown[])[Number(at(0))];
    case 'Fn::FindInMap': {
      const [map, top, second] = [0, 1, 2].map((index) => String(at(index)));
      const found = template.Mappings?.[map as string]?.[top as string]?.[second as string];
      if (found === undefined) throw new Error(`FindInMap ${map}/${top}/${second} has no value`);
      return found;
    }
    case 'Fn::If':
      return evaluateCondition(template, String(args[0]), s) ? at(1) : at(2);
    case 'Fn::Equals':
      return JSON.stringify(at(0)) === JSON.stringify(at(1));
    case 'Fn::Not':
      return !at(0);
    case 'Fn::And':
      return args.every((_, index) => at(index));
    case 'Fn::Or':
      return args.some((_, index) => at(index));
    case 'Fn::ToJsonString':
      return JSON.stringify(resolve(template, argument, s));
    default:
      throw new Error(`the test evaluator does not know ${name}`);
  }
}
