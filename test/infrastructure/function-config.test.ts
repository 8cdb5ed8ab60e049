import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { esbuildFunctions } from '../../scripts/template/functions.js';
import { isObject, loadTemplate, type Template } from '../../scripts/template/template.js';
import { loadConfig } from '../../src/config/config.js';
import { physicalId, resolve, type Scenario, scenario } from './support/intrinsics.js';

/**
 * Each function's environment, as deployed (Globals merged, intrinsics resolved for a scenario, dynamic
 * references read from the secret the stack generates), must start the config module without an error.
 */
const template = await loadTemplate();
const functions = esbuildFunctions(template);

const AUTH: Record<string, Record<string, string>> = {
  'managed-cognito': { AuthProvider: 'managed-cognito' },
  firebase: { AuthProvider: 'firebase', FirebaseProjectId: 'blogapp-test' },
  cognito: { AuthProvider: 'cognito', CognitoUserPoolId: 'us-east-1_AbC123', CognitoClientId: 'client123' },
};

function deployedEnvironment(t: Template, logicalId: string, s: Scenario): Record<string, string> {
  const variables = (properties: unknown) =>
    isObject(properties) && isObject(properties.Environment) && isObject(properties.Environment.Variables)
      ? properties.Environment.Variables
      : {};
  // SAM merges a function's variables over Globals' (maps merge; the function wins).
  const merged = { ...variables(t.Globals?.Function), ...variables(t.Resources[logicalId]?.Properties) };
  const resolved = resolve(t, merged, s) as Record<string, unknown>;
  const env = Object.fromEntries(
    Object.entries(resolved).map(([name, value]) => [name, resolveDynamicReferences(t, String(value), s)]),
  );
  // Set by Lambda itself in every function.
  return { ...env, AWS_REGION: s.region };
}

/** `{{resolve:secretsmanager:<arn>:SecretString}}` as CloudFormation resolves it: the generated secret. */
function resolveDynamicReferences(t: Template, value: string, s: Scenario): string {
  return value.replace(/\{\{resolve:secretsmanager:(.+):SecretString\}\}/g, (_, arn: string) => {
    const [, secret] =
      Object.entries(t.Resources).find(
        ([id, resource]) => resource.Type === 'AWS::SecretsManager::Secret' && physicalId(t, id, s) === arn,
      ) ?? [];
    const generate = secret?.Properties?.GenerateSecretString as { PasswordLength?: number } | undefined;
    if (!generate) throw new Error(`${arn} is not a secret this stack generates`);
    // Secrets Manager's default length is 32.
    return 'x'.repeat(generate.PasswordLength ?? 32);
  });
}

/** Entries whose composition pushes (buildRealtime) refuse to start without the management endpoint. */
const needsManagementEndpoint = (entry: string) =>
  /compose(WebSocket|CommentStream|Broadcast)\(/.test(readFileSync(entry, 'utf8'));

describe.each(['development', 'staging', 'production'])('in %s', (environment) => {
  describe.each(Object.keys(AUTH))('with %s auth', (auth) => {
    const s = scenario(template, {
      Environment: environment,
      AllowedOrigins: 'https://blog.example.com',
      ...AUTH[auth],
    });

    it.each(functions.map((fn) => [fn.logicalId, fn] as const))('%s starts its config', (logicalId, fn) => {
      const env = deployedEnvironment(template, logicalId, s);
      const config = loadConfig(env);

      expect(config.environment).toBe(environment);
      // A managed pool is Cognito to the app, with the ids of the pool and clients the stack created.
      expect(config.auth).toMatchObject(
        auth === 'managed-cognito'
          ? {
              provider: 'cognito',
              userPoolId: physicalId(template, 'UserPool', s),
              clientIds: [physicalId(template, 'WebAppClient', s), physicalId(template, 'SmokeAppClient', s)],
            }
          : { provider: auth },
      );
      expect(config.repository).toMatchObject({
        provider: 'dynamodb',
        tableName: physicalId(template, 'Table', s),
        connectionsTableName: physicalId(template, 'ConnectionsTable', s),
      });
      expect(config.uploads).toMatchObject({
        provider: 's3',
        bucket: physicalId(template, 'UploadsBucket', s),
      });
      // The hosted web client's origin is added to AllowedOrigins without anyone typing it.
      expect(config.allowedOrigins).toEqual([
        'https://blog.example.com',
        'https://d111111abcdef8.cloudfront.net',
      ]);
      const entry = join(fn.codeDir, (fn.buildProperties.EntryPoints as string[])[0] ?? '');
      if (needsManagementEndpoint(entry)) {
        expect(config.realtime.managementEndpoint).toBe(
          `https://${physicalId(template, 'WebSocketApi', s)}.execute-api.us-east-1.amazonaws.com/${environment}`,
        );
      }
    });
  });
});

it('would notice a function that cannot start: the check is not vacuous', () => {
  const s = scenario(template, { Environment: 'production', AllowedOrigins: '*', ...AUTH.firebase });
  expect(() => loadConfig(deployedEnvironment(template, 'ApiFunction', s))).toThrow(/APP_ALLOWED_ORIGINS/);
  const env = deployedEnvironment(
    template,
    'ApiFunction',
    scenario(template, { Environment: 'staging', AllowedOrigins: 'https://a.example', ...AUTH.cognito }),
  );
  delete env.APP_UPLOADS_BUCKET;
  expect(() => loadConfig(env)).toThrow(/APP_UPLOADS_BUCKET/);
});
