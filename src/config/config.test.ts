import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const deployed = {
  APP_ENVIRONMENT: 'production',
  APP_AUTH_PROVIDER: 'firebase',
  FIREBASE_PROJECT_ID: 'blog-prod',
  APP_CURSOR_SECRET: 'x'.repeat(32),
  APP_ALLOWED_ORIGINS: 'https://blog.example.com, https://www.blog.example.com',
  APP_UPLOADS_BUCKET: 'blogapp-production-uploads',
};

describe('loadConfig', () => {
  it('runs locally with no variables at all', () => {
    const config = loadConfig({});
    expect(config.environment).toBe('local');
    expect(config.repository).toEqual({
      provider: 'dynamodb',
      tableName: 'blogapp-local',
      connectionsTableName: 'blogapp-local-connections',
      region: 'us-east-1',
    });
    expect(config.realtime).toEqual({ region: 'us-east-1' });
    expect(config.auth).toEqual({ provider: 'local' });
    expect(config.uploads).toEqual({ provider: 'local' });
    expect(config.local).toEqual({
      port: 3000,
      wsPort: 3001,
      dynamodbPort: 0,
      webDir: 'dist/web',
      allowedHosts: [],
      pendingUploadExpiryMs: 24 * 60 * 60 * 1000,
    });
    expect(config.exposeDocs).toBe(true);
  });

  it("hands AWS's standard endpoint and credential variables to the DynamoDB client, only those set", () => {
    const repository = loadConfig({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
    }).repository;
    expect(repository).toMatchObject({
      environment: {
        AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      },
    });
    expect(repository).not.toHaveProperty('endpoint');
  });

  it('takes an AWS variable exported empty as unset, as the SDK does, rather than refusing to start', () => {
    const repository = loadConfig({
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: '',
      AWS_ENDPOINT_URL: '',
    }).repository;
    expect(repository).toMatchObject({
      environment: { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' },
    });
    expect((repository as { environment: object }).environment).not.toHaveProperty('AWS_SESSION_TOKEN');
    expect((repository as { environment: object }).environment).not.toHaveProperty('AWS_ENDPOINT_URL');
  });

  it('switches to the memory provider', () => {
    expect(loadConfig({ APP_REPOSITORY_PROVIDER: 'memory' }).repository).toEqual({ provider: 'memory' });
  });

  it('reads a deployed environment and hides the docs in production', () => {
    const config = loadConfig(deployed);
    expect(config.auth).toEqual({ provider: 'firebase', projectId: 'blog-prod' });
    expect(config.allowedOrigins).toEqual(['https://blog.example.com', 'https://www.blog.example.com']);
    expect(config.exposeDocs).toBe(false);
    expect(config.uploads).toEqual({
      provider: 's3',
      bucket: 'blogapp-production-uploads',
      region: 'us-east-1',
    });
  });

  it('traces where Lambda says, unless Powertools’ switch turns it off; a switch it cannot read stops start-up', () => {
    expect(loadConfig(deployed).tracing).toEqual({ enabled: true });
    expect(loadConfig({ ...deployed, AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000' }).tracing).toEqual({
      enabled: true,
      daemonAddress: '169.254.79.129:2000',
    });
    for (const off of ['false', 'FALSE', '0', 'off', ' no ']) {
      expect(loadConfig({ ...deployed, POWERTOOLS_TRACE_ENABLED: off }).tracing.enabled).toBe(false);
    }
    expect(loadConfig({ ...deployed, POWERTOOLS_TRACE_ENABLED: 'true' }).tracing.enabled).toBe(true);
    expect(() => loadConfig({ ...deployed, POWERTOOLS_TRACE_ENABLED: 'maybe' })).toThrow(
      /POWERTOOLS_TRACE_ENABLED/,
    );
  });

  it('reads Cognito settings with the region', () => {
    const config = loadConfig({
      ...deployed,
      APP_ENVIRONMENT: 'staging',
      APP_AUTH_PROVIDER: 'cognito',
      AWS_REGION: 'eu-west-1',
      COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
      COGNITO_CLIENT_ID: 'client123',
    });
    expect(config.auth).toEqual({
      provider: 'cognito',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbC123',
      clientIds: ['client123'],
    });
  });

  it.each([
    [{ APP_ENVIRONMENT: 'prod' }, /^APP_ENVIRONMENT="prod" is not valid/],
    [{ PORT: 'eighty' }, /^PORT="eighty" is not valid: a port number 1–65535/],
    [{ WS_PORT: '70000' }, /^WS_PORT="70000" is not valid: a port number 1–65535/],
    [{ PORT: '3400', WS_PORT: '3400' }, /^PORT and WS_PORT are both 3400/],
    [{ APP_REPOSITORY_PROVIDER: 'postgres' }, /^APP_REPOSITORY_PROVIDER="postgres" is not valid/],
    [{ ...deployed, APP_ALLOWED_ORIGINS: '*' }, /APP_ALLOWED_ORIGINS="\*" is not allowed in production/],
    [{ ...deployed, APP_CURSOR_SECRET: undefined }, /APP_CURSOR_SECRET is required in production/],
    [{ ...deployed, APP_AUTH_PROVIDER: undefined }, /APP_AUTH_PROVIDER is required in production/],
    [{ ...deployed, APP_AUTH_PROVIDER: 'local' }, /only allowed when APP_ENVIRONMENT=local/],
    [{ ...deployed, FIREBASE_PROJECT_ID: undefined }, /FIREBASE_PROJECT_ID is required/],
    [{ ...deployed, APP_AUTH_PROVIDER: 'cognito' }, /COGNITO_USER_POOL_ID is required/],
    [
      { ...deployed, APP_UPLOADS_BUCKET: undefined },
      /APP_UPLOADS_BUCKET is required.*S3 by default when APP_ENVIRONMENT is not local/,
    ],
    [
      { APP_CURSOR_SECRET: 'short-and-secret' },
      /^APP_CURSOR_SECRET=\(value hidden\) is not valid: at least 32/,
    ],
    [{ ...deployed, APP_UPLOADS_BUCKET: 'Not_A_Bucket' }, /^APP_UPLOADS_BUCKET="Not_A_Bucket" is not valid/],
    [{ ...deployed, APP_UPLOADS_PROVIDER: 'local' }, /APP_UPLOADS_PROVIDER=local is only allowed/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrowError(ConfigError);
    expect(() => loadConfig(env)).toThrowError(message);
  });
});
