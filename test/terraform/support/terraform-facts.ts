import type { FunctionFacts, StackFacts, TableFacts } from './stack-facts.js';

type Json = Record<string, unknown>;

interface ResourceChange {
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  change: { actions: string[]; after: Json | null; after_unknown?: Json };
}

interface StateModule {
  address?: string;
  resources?: { mode: string; type: string; name: string; values: Json }[];
  child_modules?: StateModule[];
}

export interface PlanJson {
  resource_changes: ResourceChange[];
  prior_state?: { values?: { root_module?: StateModule } };
  configuration: { root_module: { outputs?: Json } };
  planned_values: { outputs?: Record<string, { value?: unknown }> };
}

const TABLE_IDS: Record<string, string> = { main: 'Table', connections: 'ConnectionsTable' };
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const keys = (hash: unknown, range: unknown) => [`${hash}:HASH`, ...(range ? [`${range}:RANGE`] : [])];

/** Data sources read while planning are in the prior state, not in resource_changes. */
function priorDataSources(module: StateModule | undefined): { module: string; type: string; values: Json }[] {
  if (!module) return [];
  return [
    ...(module.resources ?? [])
      .filter(({ mode }) => mode === 'data')
      .map(({ type, values }) => ({ module: module.address ?? '', type, values })),
    ...(module.child_modules ?? []).flatMap(priorDataSources),
  ];
}

/** The same facts as samFacts, read from `terraform show -json <planfile>` for a fresh environment. */
export function terraformFacts(plan: PlanJson, stackName: string): StackFacts {
  const changes = plan.resource_changes.filter(({ change }) => change.after);
  const ofType = (type: string) =>
    changes.filter((change) => change.type === type && change.mode === 'managed');
  const inModule = (type: string, module: string | undefined) =>
    changes.filter((change) => change.type === type && change.module_address === module);

  const tables: Record<string, TableFacts> = {};
  for (const { name, change } of ofType('aws_dynamodb_table')) {
    const after = change.after as Json;
    tables[TABLE_IDS[name] ?? name] = {
      keys: keys(after.hash_key, after.range_key),
      indexes: list(after.global_secondary_index)
        .map((gsi) => ({
          name: String(gsi.name),
          keys: keys(gsi.hash_key, gsi.range_key),
          projection: [gsi.projection_type, ...((gsi.non_key_attributes as string[] | null) ?? [])].join(' '),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      stream: after.stream_enabled ? String(after.stream_view_type) : undefined,
      ttl: list(after.ttl).find((ttl) => ttl.enabled)?.attribute_name as string | undefined,
    };
  }

  const prior = priorDataSources(plan.prior_state?.values?.root_module);
  // A function whose variables include a value unknown until apply (the WebSocket API's id) has its whole
  // environment unknown in the plan; the roots output every function's variable names for that reason.
  const environmentNames = (plan.planned_values.outputs?.FunctionEnvironmentNames?.value ?? {}) as Record<
    string,
    string[]
  >;
  const functions: Record<string, FunctionFacts> = {};
  for (const { module_address: module, change } of ofType('aws_lambda_function')) {
    const after = change.after as Json;
    const known = (list(after.environment)[0]?.variables ?? {}) as Json;
    const unknown = (list(change.after_unknown?.environment)[0]?.variables ?? {}) as Json;
    const documents = [
      ...inModule('aws_iam_policy_document', module).map(({ change: c }) => c.after as Json),
      ...prior
        .filter((data) => data.module === module && data.type === 'aws_iam_policy_document')
        .map(({ values }) => values),
    ].filter((document) => list(document.statement).some((statement) => statement.sid));
    functions[String(after.function_name).replace(`${stackName}-`, '')] = {
      runtime: String(after.runtime),
      architectures: (after.architectures as string[]).map(String),
      memory: Number(after.memory_size),
      timeout: Number(after.timeout),
      tracing: String(list(after.tracing_config)[0]?.mode),
      environment: [
        ...new Set([
          ...Object.keys(known),
          ...Object.keys(unknown),
          ...(environmentNames[String(after.function_name)] ?? []),
        ]),
      ].sort(),
      boundary: inModule('aws_iam_role', module)
        .map(({ change: c }) => (c.after as Json).permissions_boundary)
        .map((arn) => (typeof arn === 'string' ? arn.split(':policy/')[1] : undefined))[0],
      managedPolicies: inModule('aws_iam_role_policy_attachment', module)
        .map(({ change: c }) => String((c.after as Json).policy_arn).split(':policy/')[1] ?? '')
        .sort(),
      statements: Object.fromEntries(
        documents.flatMap((document) =>
          list(document.statement).map((statement) => [
            String(statement.sid),
            (statement.actions as string[]).map(String).sort(),
          ]),
        ),
      ),
    };
  }

  const routes = (module: string) =>
    ofType('aws_apigatewayv2_route')
      .filter(({ module_address }) => module_address?.endsWith(module))
      .map(({ change }) => {
        const after = change.after as Json;
        return `${after.route_key}${after.authorization_type === 'AWS_IAM' ? ' (AWS_IAM)' : ''}`;
      })
      .sort();

  return {
    tables,
    functions,
    httpRoutes: routes('module.api'),
    websocketRoutes: routes('module.realtime'),
    outputs: Object.keys(plan.configuration.root_module.outputs ?? {}).sort(),
  };
}
