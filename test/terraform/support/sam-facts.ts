import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isObject, TEMPLATE_PATH, type Template } from '../../../scripts/template/template.js';
import { evaluateCondition, scenario } from '../../infrastructure/support/intrinsics.js';
import type { StackFacts } from './stack-facts.js';

type Json = Record<string, unknown>;

/** The translated template (python3 with aws-sam-translator, as on this machine and in CI). */
export async function translateSamTemplate(parameters: Record<string, string>): Promise<Json> {
  const script = join(import.meta.dirname, 'sam-translate.py');
  const { stdout } = await promisify(execFile)(
    'python3',
    [script, TEMPLATE_PATH, JSON.stringify(parameters)],
    {
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Json;
}

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
const keysOf = (schema: unknown) =>
  list(schema).map((key) => `${(key as Json).AttributeName}:${(key as Json).KeyType}`);
const policyName = (arn: unknown) => String(arn).split(':policy/')[1] ?? String(arn);

/** A boundary's policy name from the template's `Fn::Sub` ARN, its parameters substituted. */
function boundaryName(boundary: unknown, parameters: Record<string, string>): string | undefined {
  const arn = isObject(boundary) ? boundary['Fn::Sub'] : boundary;
  if (typeof arn !== 'string') return undefined;
  return policyName(arn.replace(/\$\{(\w+)\}/g, (whole, name: string) => parameters[name] ?? whole));
}

/** The facts the parity test compares, read from the translated template for one parameter set. */
export function samFacts(translated: Json, source: Template, parameters: Record<string, string>): StackFacts {
  const resources = translated.Resources as Record<string, { Type: string; Properties: Json }>;
  const s = scenario(source, parameters);
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  const tables = Object.fromEntries(
    ofType('AWS::DynamoDB::Table').map(([id, { Properties: p }]) => [
      id,
      {
        keys: keysOf(p.KeySchema),
        indexes: list(p.GlobalSecondaryIndexes)
          .map((gsi) => gsi as Json)
          .map((gsi) => {
            const projection = gsi.Projection as Json;
            return {
              name: String(gsi.IndexName),
              keys: keysOf(gsi.KeySchema),
              projection: [projection.ProjectionType, ...list(projection.NonKeyAttributes)].join(' '),
            };
          }),
        stream: (p.StreamSpecification as Json | undefined)?.StreamViewType as string | undefined,
        ttl: (p.TimeToLiveSpecification as Json | undefined)?.AttributeName as string | undefined,
      },
    ]),
  );

  const functions = Object.fromEntries(
    ofType('AWS::Lambda::Function').map(([id, { Properties: p }]) => {
      const variables = (p.Environment as Json).Variables as Json;
      // Conditional variables (FIREBASE_*, COGNITO_*) exist only when their condition holds.
      const names = Object.entries(variables)
        .filter(([, value]) => {
          const condition = isObject(value) ? (value['Fn::If'] as unknown[] | undefined) : undefined;
          if (!condition) return true;
          const chosen = evaluateCondition(source, String(condition[0]), s) ? condition[1] : condition[2];
          return !(isObject(chosen) && chosen.Ref === 'AWS::NoValue');
        })
        .map(([name]) => name);
      const role = resources[`${id}Role`]?.Properties ?? {};
      const statements = list(role.Policies).flatMap((policy) =>
        list(((policy as Json).PolicyDocument as Json).Statement),
      ) as Json[];
      const suffix = String((p.FunctionName as Json)['Fn::Sub']).replace(/^\$\{AWS::StackName\}-/, '');
      return [
        suffix,
        {
          runtime: String(p.Runtime),
          architectures: list(p.Architectures).map(String),
          memory: Number(p.MemorySize),
          timeout: Number(p.Timeout),
          tracing: String((p.TracingConfig as Json).Mode),
          environment: names.sort(),
          managedPolicies: list(role.ManagedPolicyArns).map(policyName).sort(),
          boundary: boundaryName(role.PermissionsBoundary, parameters),
          statements: Object.fromEntries(
            statements.map((st) => [String(st.Sid), list(st.Action).map(String).sort()]),
          ),
        },
      ];
    }),
  );

  const httpPaths = ((resources.HttpApi?.Properties.Body as Json | undefined)?.paths ?? {}) as Record<
    string,
    Json
  >;
  const httpRoutes = Object.entries(httpPaths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const verb = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
      const iam = list((operation as Json).security).some((entry) => isObject(entry) && 'AWS_IAM' in entry);
      // Terraform's route key for the catch-all is `$default` alone, without a method.
      const key = path === '$default' ? path : `${verb} ${path}`;
      return `${key}${iam ? ' (AWS_IAM)' : ''}`;
    }),
  );
  const websocketRoutes = ofType('AWS::ApiGatewayV2::Route').map(([, { Properties: p }]) =>
    String(p.RouteKey),
  );

  return {
    tables,
    functions,
    httpRoutes: httpRoutes.sort(),
    websocketRoutes: websocketRoutes.sort(),
    outputs: Object.keys(translated.Outputs as Json).sort(),
  };
}
