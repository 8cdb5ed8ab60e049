type Attributes = Record<string, unknown>;

/** A resource of a Terraform state file (format version 4), as far as these checks read it. */
export interface StateResource {
  module?: string;
  mode: string;
  type: string;
  instances: { attributes: Attributes }[];
}

/** Where a route of the HTTP API leads in an applied state. */
export interface StateHttpRoute {
  /** The function and qualifier its integration invokes (`<name>:<alias>`), from the integration's URI. */
  invokes: string | undefined;
  /** Whether a Lambda permission lets this API invoke exactly that function and qualifier, on any route. */
  permitted: boolean;
}

/** The api module's HTTP API routes, by route key, as applied: what each invokes and whether it may. */
export function stateHttpRoutes(resources: StateResource[]): Record<string, StateHttpRoute> {
  const inApi = (type: string) =>
    resources
      .filter((r) => r.mode === 'managed' && r.type === type && r.module?.endsWith('module.api'))
      .flatMap((r) => r.instances.map(({ attributes }) => attributes));
  const [api] = inApi('aws_apigatewayv2_api');
  const integrations = new Map(
    inApi('aws_apigatewayv2_integration').map((a) => [`integrations/${a.id}`, String(a.integration_uri)]),
  );
  const permissions = inApi('aws_lambda_permission').filter(
    (a) =>
      a.action === 'lambda:InvokeFunction' &&
      a.principal === 'apigateway.amazonaws.com' &&
      a.source_arn === `${api?.execution_arn}/*`,
  );
  return Object.fromEntries(
    inApi('aws_apigatewayv2_route').map((route) => {
      const uri = integrations.get(String(route.target)) ?? '';
      const invokes = /:function:([\w-]+:[\w-]+)\/invocations$/.exec(uri)?.[1];
      const permitted = permissions.some((p) => `${p.function_name}:${p.qualifier}` === invokes);
      return [String(route.route_key), { invokes, permitted }];
    }),
  );
}
