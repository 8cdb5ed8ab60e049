import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../scripts/template/template.js';
import { corsOptionsFor } from '../../src/http/app-shell.js';
import { HTTP_API_ROUTES, type HttpApiFunction, httpApiTarget } from '../../src/local/api-gateway-routes.js';
import { resolve, scenario } from './support/intrinsics.js';

/** The wiring the code relies on: routes, the broadcast route's IAM auth, WebSocket replies, the stream. */
const template = await loadTemplate();
const TERRAFORM_API = join(import.meta.dirname, '../../infrastructure/terraform/modules/api');
type Events = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const eventsOf = (logicalId: string) => (template.Resources[logicalId]?.Properties?.Events ?? {}) as Events;

describe('HTTP API', () => {
  it('sends every request no other route takes ($default) to the API function, which answers it', () => {
    // A route per path the app serves would leave every other path and method to API Gateway's own
    // {"message":"Not Found"}, without the contract's error shape or an x-request-id.
    expect(Object.values(eventsOf('ApiFunction'))).toEqual([
      { Type: 'HttpApi', Properties: { ApiId: { Ref: 'HttpApi' }, Path: '$default', Method: 'ANY' } },
    ]);
  });

  it('routes as the local stack does (src/local/api-gateway-routes.ts), function by function', () => {
    const functionOf: Record<string, HttpApiFunction> = {
      ApiFunction: 'api',
      BroadcastFunction: 'broadcast',
    };
    const templateRoutes = Object.entries(template.Resources).flatMap(([logicalId]) =>
      Object.values(eventsOf(logicalId))
        .filter(({ Type }) => Type === 'HttpApi')
        .map(({ Properties: { Path, Method } }) => [
          Path === '$default' ? '$default' : `${String(Method).toUpperCase()} ${Path}`,
          functionOf[logicalId] ?? logicalId,
        ]),
    );
    expect(Object.fromEntries(templateRoutes)).toEqual(HTTP_API_ROUTES);
    expect(templateRoutes).toHaveLength(Object.keys(HTTP_API_ROUTES).length);
    // What API Gateway does with requests the routes name and with those they do not.
    expect(httpApiTarget('POST', '/broadcast/comments')).toBe('broadcast');
    for (const [method, path] of [
      ['GET', '/broadcast/comments'],
      ['POST', '/broadcast/comments/'],
      ['POST', '/broadcast/other'],
      ['HEAD', '/health'],
      ['GET', '/nope'],
      ['POST', '/api/posts'],
    ] as const)
      expect({ method, path, target: httpApiTarget(method, path) }).toEqual({ method, path, target: 'api' });
  });

  it('puts POST /broadcast/comments behind IAM, the only caller the broadcast function accepts', () => {
    expect(template.Resources.HttpApi?.Properties?.Auth).toEqual({ EnableIamAuthorizer: true });
    expect(Object.values(eventsOf('BroadcastFunction'))).toEqual([
      {
        Type: 'HttpApi',
        Properties: {
          ApiId: { Ref: 'HttpApi' },
          Path: '/broadcast/comments',
          Method: 'POST',
          Auth: { Authorizer: 'AWS_IAM' },
        },
      },
    ]);
  });

  it('throttles per environment and allows the configured origins and the hosted web client', () => {
    const api = template.Resources.HttpApi?.Properties ?? {};
    expect(JSON.stringify(api.DefaultRouteSettings)).toContain('EnvironmentSettings');
    const allowed = (parameters: Record<string, string>) =>
      resolve(
        template,
        (api.CorsConfiguration as Record<string, unknown>).AllowOrigins,
        scenario(template, {
          Environment: 'staging',
          AllowedOrigins: 'https://a.example,https://b.example',
          ...parameters,
        }),
      );
    expect(allowed({})).toEqual([
      'https://a.example',
      'https://b.example',
      'https://d111111abcdef8.cloudfront.net',
    ]);
    expect(
      allowed({
        SiteDomainName: 'blog.example.org',
        SiteCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      }),
    ).toEqual(['https://a.example', 'https://b.example', 'https://blog.example.org']);
    // With no other origins (the default), the site alone.
    expect(allowed({ AllowedOrigins: '' })).toEqual(['https://d111111abcdef8.cloudfront.net']);
  });

  it('answers preflights with the headers and methods the app’s own CORS allows (API Gateway answers them)', () => {
    const cors = template.Resources.HttpApi?.Properties?.CorsConfiguration as Record<string, string[]>;
    const app = corsOptionsFor(['https://a.example']);
    const lower = (names: string[] | undefined) => (names ?? []).map((name) => name.toLowerCase()).sort();
    expect(lower(cors.AllowHeaders)).toEqual(lower(app.allowHeaders));
    expect(lower(cors.AllowMethods)).toEqual(lower(app.allowMethods as string[]));
    expect(lower(cors.ExposeHeaders)).toEqual(lower(app.exposeHeaders));
    // The Terraform root's API, the same lists (HCL read as text: one `name = [...]` line each).
    const hcl = readFileSync(join(TERRAFORM_API, 'main.tf'), 'utf8');
    const list = (name: string) =>
      JSON.parse(new RegExp(`\\b${name}\\s*=\\s*(\\[[^\\]]*\\])`).exec(hcl)?.[1] ?? 'null') as string[];
    expect(lower(list('allow_headers'))).toEqual(lower(app.allowHeaders));
    expect(lower(list('allow_methods'))).toEqual(lower(app.allowMethods as string[]));
    expect(lower(list('expose_headers'))).toEqual(lower(app.exposeHeaders));
  });
});

describe('WebSocket API', () => {
  const api = template.Resources.WebSocketApi;

  it('sends $connect, $disconnect and $default to the WebSocket function’s live alias', () => {
    const routes = api?.Properties?.Routes as Record<string, { FunctionArn: unknown }>;
    expect(Object.keys(routes).sort()).toEqual(['$connect', '$default', '$disconnect']);
    for (const route of Object.values(routes))
      expect(route.FunctionArn).toEqual({ Ref: 'WebSocketFunction.Alias' });
  });

  it('returns the $default handler’s answer to the client (route response)', () => {
    const routes = api?.Properties?.Routes as Record<string, Record<string, unknown>>;
    expect(routes.$default?.RouteResponseSelectionExpression).toBe('$default');
    expect(template.Resources.WebSocketDefaultRouteResponse?.Properties).toEqual({
      ApiId: { Ref: 'WebSocketApi' },
      // SAM names the generated route <api logical id> + Default + Route.
      RouteId: { Ref: 'WebSocketApiDefaultRoute' },
      RouteResponseKey: '$default',
    });
  });
});

describe('comment stream', () => {
  it('reports partial batch failures, bisects failing batches and keeps what it gave up on', () => {
    const [stream] = Object.values(eventsOf('CommentStreamFunction'));
    expect(stream?.Type).toBe('DynamoDB');
    expect(stream?.Properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['CommentStreamFailures', 'Arn'] } } },
    });
    expect(template.Resources.CommentStreamFailures?.Type).toBe('AWS::SQS::Queue');
  });

  it('filters to the changes the stream function acts on: comments, post removals, profile edits', () => {
    const [stream] = Object.values(eventsOf('CommentStreamFunction'));
    const criteria = stream?.Properties.FilterCriteria as { Filters: { Pattern: string }[] } | undefined;
    const filters = criteria?.Filters ?? [];
    expect(filters.map(({ Pattern }) => JSON.parse(Pattern))).toEqual([
      { eventName: ['INSERT', 'REMOVE'], dynamodb: { Keys: { sk: { S: [{ prefix: 'COMMENT#' }] } } } },
      { eventName: ['REMOVE'], dynamodb: { Keys: { sk: { S: ['#POST'] } } } },
      { eventName: ['MODIFY'], dynamodb: { Keys: { sk: { S: ['PROFILE'] } } } },
    ]);
  });
});
