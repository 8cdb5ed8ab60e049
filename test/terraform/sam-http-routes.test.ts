import { beforeAll, describe, expect, it } from 'vitest';
import { HTTP_API_ROUTES, type HttpApiFunction } from '../../src/local/api-gateway-routes.js';
import { translateSamTemplate } from './support/sam-facts.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  UpdatePolicy?: Json;
}

// The HTTP API as CloudFormation gets it from AWS's SAM translator: the routes in the API's OpenAPI body,
// each integration's Lambda, and the permissions SAM adds. Any parameters do: the routes depend on none.
const API_ID = 'a1b2c3d4e5';
const ARN_PREFIX = `arn:aws:execute-api:us-east-1:123456789012:${API_ID}`;
const FUNCTION_OF: Record<HttpApiFunction, string> = { api: 'ApiFunction', broadcast: 'BroadcastFunction' };

let resources: Record<string, Resource>;
beforeAll(async () => {
  resources = (await translateSamTemplate({ Environment: 'production' })).Resources as Record<
    string,
    Resource
  >;
}, 120_000);

/** Each route's key and the logical id of what its integration invokes (a variable of the URI's Fn::Sub). */
function routes(): { key: string; invokes: string | undefined }[] {
  const body = resources.HttpApi?.Properties.Body as { paths: Record<string, Record<string, Json>> };
  return Object.entries(body.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const verb = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
      const uri = (operation['x-amazon-apigateway-integration'] as { uri: { 'Fn::Sub': string } }).uri;
      return {
        key: path === '$default' ? '$default' : `${verb} ${path}`,
        invokes: /functions\/\$\{(\w+)\}\/invocations$/.exec(uri['Fn::Sub'])?.[1],
      };
    }),
  );
}

/** The execute-api ARNs a permission's SourceArn (SAM's Fn::Sub over the API id and stage) lets invoke. */
function sourcePattern(sourceArn: unknown): RegExp {
  const [template, variables] = (sourceArn as { 'Fn::Sub': [string, Record<string, unknown>] })['Fn::Sub'];
  const values: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': 'us-east-1',
    'AWS::AccountId': '123456789012',
    __ApiId__: (variables.__ApiId__ as { Ref?: string }).Ref === 'HttpApi' ? API_ID : 'another-api',
    __Stage__: String(variables.__Stage__),
  };
  const arn = template.replace(/\$\{([\w:]+)\}/g, (whole, name: string) => values[name] ?? whole);
  // Lambda compares SourceArn with ArnLike: `*` is any run of characters, slashes included.
  return new RegExp(`^${arn.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
}

/** Whether API Gateway may invoke `alias` for a request whose execute-api ARN is `requestArn`. */
function mayInvoke(alias: string, requestArn: string): boolean {
  return Object.values(resources).some(
    ({ Type, Properties: p }) =>
      Type === 'AWS::Lambda::Permission' &&
      p.Action === 'lambda:InvokeFunction' &&
      p.Principal === 'apigateway.amazonaws.com' &&
      (p.FunctionName as { Ref?: string }).Ref === alias &&
      sourcePattern(p.SourceArn).test(requestArn),
  );
}

describe('HTTP API routes, as SAM translates the template', () => {
  it('are the local stack’s routes, each integrated with the `live` alias of the function it names', () => {
    expect(Object.fromEntries(routes().map(({ key, invokes }) => [key, invokes]))).toEqual(
      Object.fromEntries(
        Object.entries(HTTP_API_ROUTES).map(([key, target]) => [key, `${FUNCTION_OF[target]}Aliaslive`]),
      ),
    );
    expect(routes()).toHaveLength(Object.keys(HTTP_API_ROUTES).length);
  });

  it('reach aliases that CodeDeploy shifts, so a canary takes every route’s share of traffic', () => {
    for (const { key, invokes } of routes()) {
      const alias = resources[String(invokes)];
      expect({ key, type: alias?.Type, name: alias?.Properties.Name }).toEqual({
        key,
        type: 'AWS::Lambda::Alias',
        name: 'live',
      });
      const update = alias?.UpdatePolicy?.CodeDeployLambdaAliasUpdate as {
        DeploymentGroupName: { Ref: string };
      };
      expect(resources[update.DeploymentGroupName.Ref]?.Type).toBe('AWS::CodeDeploy::DeploymentGroup');
    }
  });

  it('let API Gateway invoke each alias for the requests its routes take, and the broadcast one for no other', () => {
    const api = `${FUNCTION_OF.api}Aliaslive`;
    const broadcast = `${FUNCTION_OF.broadcast}Aliaslive`;
    // $default's requests: the route's own ARN and requests of any method and path.
    for (const request of ['$default', 'GET/nope', 'HEAD/health', 'GET/broadcast/comments', 'POST/api/posts'])
      expect({ request, allowed: mayInvoke(api, `${ARN_PREFIX}/$default/${request}`) }).toEqual({
        request,
        allowed: true,
      });
    expect(mayInvoke(broadcast, `${ARN_PREFIX}/$default/POST/broadcast/comments`)).toBe(true);
    for (const request of ['GET/broadcast/comments', 'POST/broadcast/other', '$default'])
      expect({ request, allowed: mayInvoke(broadcast, `${ARN_PREFIX}/$default/${request}`) }).toEqual({
        request,
        allowed: false,
      });
  });
});
