import * as z from 'zod/mini';
import '../domain/shared/english-issues.js';

/**
 * The one place that reads the environment. Every variable, its default and what it accepts is here;
 * `.env.example` lists them for operators. A bad value stops start-up with one line naming it.
 */
const environments = ['local', 'development', 'staging', 'production'] as const;
export type AppEnvironment = (typeof environments)[number];

const commaList = z.pipe(
  z.string(),
  z.transform((value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
);

const PORT_RULE = 'a port number 1–65535 (0 picks a free one)';
const port = z.coerce
  .number({ error: PORT_RULE })
  .check(z.int(PORT_RULE), z.minimum(0, PORT_RULE), z.maximum(65_535, PORT_RULE));

const tableName = z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name'));
const secret = z.string().check(z.minLength(32, 'at least 32 characters of random'));
const SECRET_NAMES = new Set([
  'APP_BROADCAST_KEY',
  'APP_CURSOR_SECRET',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
]);
const nonEmpty = z.string().check(z.minLength(1));
/** The local stack's data directory unless APP_DATA_DIR names another: the project's own. */
export const DEFAULT_DATA_DIR = '.data';
/** A switch written as Powertools reads its own (`POWERTOOLS_DEV=true`, `…=0`, `…=off`), in any case. */
const onOff = z.pipe(
  z.pipe(
    z.string(),
    z.transform((value: string) => value.trim().toLowerCase()),
  ),
  z.enum(['true', 'false', '1', '0', 'yes', 'no', 'y', 'n', 'on', 'off']),
);
const isOn = (value: z.output<typeof onOff>) => ['true', '1', 'yes', 'y', 'on'].includes(value);

const schema = z.object({
  APP_ENVIRONMENT: z._default(z.enum(environments), 'local'),
  APP_VERSION: z._default(nonEmpty, '0.1.0'),
  APP_REPOSITORY_PROVIDER: z._default(z.enum(['memory', 'dynamodb']), 'dynamodb'),
  APP_DYNAMODB_TABLE: z._default(tableName, 'blogapp-local'),
  APP_DYNAMODB_CONNECTIONS_TABLE: z._default(tableName, 'blogapp-local-connections'),
  APP_DYNAMODB_ENDPOINT: z.optional(z.url()),
  APP_WEBSOCKET_MANAGEMENT_ENDPOINT: z.optional(z.url()),
  APP_BROADCAST_KEY: z.optional(secret),
  APP_UPLOADS_PROVIDER: z.optional(z.enum(['local', 's3'])),
  APP_UPLOADS_BUCKET: z.optional(
    z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name')),
  ),
  APP_UPLOADS_ENDPOINT: z.optional(z.url()),
  APP_PUBLIC_URL: z.optional(z.url()),
  AWS_REGION: z._default(nonEmpty, 'us-east-1'),
  // AWS's standard variables, which the SDK reads for itself; handed to the thin DynamoDB client, which may not.
  // Taken as the SDK takes them: an empty one (`export AWS_SESSION_TOKEN=` in a script) is unset, not an error,
  // and nothing here refuses to start over a value only DynamoDB's client would use.
  AWS_ENDPOINT_URL_DYNAMODB: z.optional(z.string()),
  AWS_ENDPOINT_URL: z.optional(z.string()),
  AWS_USE_FIPS_ENDPOINT: z.optional(z.string()),
  AWS_ACCESS_KEY_ID: z.optional(z.string()),
  AWS_SECRET_ACCESS_KEY: z.optional(z.string()),
  AWS_SESSION_TOKEN: z.optional(z.string()),
  // Set by Lambda for a traced function: where its X-Ray subsegments go.
  AWS_XRAY_DAEMON_ADDRESS: z.optional(z.string()),
  // Powertools' switch for its Tracer, kept for teams that set it: `false` sends no subsegments.
  POWERTOOLS_TRACE_ENABLED: z.optional(onOff),
  APP_AUTH_PROVIDER: z.optional(z.enum(['local', 'firebase', 'cognito'])),
  FIREBASE_PROJECT_ID: z.optional(nonEmpty),
  COGNITO_USER_POOL_ID: z.optional(
    z
      .string()
      .check(z.regex(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/, 'a Cognito user pool id such as eu-west-1_AbC123')),
  ),
  // Comma-separated: a managed pool's web client and its smoke client are both accepted.
  COGNITO_CLIENT_ID: z.optional(commaList),
  APP_CURSOR_SECRET: z.optional(secret),
  APP_ALLOWED_ORIGINS: z.optional(commaList),
  LOG_LEVEL: z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  APP_DATA_DIR: z._default(nonEmpty, DEFAULT_DATA_DIR),
  PORT: z._default(port, 3000),
  WS_PORT: z._default(port, 3001),
  APP_LOCAL_DYNAMODB_PORT: z._default(port, 0),
  APP_WEB_DIR: z._default(nonEmpty, 'dist/web'),
  APP_LOCAL_HOSTS: z.optional(commaList),
  APP_LOCAL_UPLOAD_EXPIRY_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 24 * 60 * 60),
});

export type AuthConfig =
  | { provider: 'local' }
  | { provider: 'firebase'; projectId: string }
  | { provider: 'cognito'; region: string; userPoolId: string; clientIds: string[] };

export interface Config {
  environment: AppEnvironment;
  version: string;
  repository:
    | { provider: 'memory' }
    | {
        provider: 'dynamodb';
        tableName: string;
        connectionsTableName: string;
        endpoint?: string;
        region: string;
        /** AWS's standard endpoint and credential variables that are set (Lambda gives a function its keys so). */
        environment?: Readonly<Record<string, string>>;
      };
  realtime: {
    /** API Gateway's management endpoint (https://{api}.execute-api.{region}.amazonaws.com/{stage}); the local gateway's locally. */
    managementEndpoint?: string;
    /** Guards POST /broadcast/comments locally (in AWS, IAM does); generated into the data dir when unset. */
    broadcastKey?: string;
    region: string;
    /** What the management client signs with; the local stack sets its gateway's, AWS's chain is used elsewhere. */
    credentials?: { accessKeyId: string; secretAccessKey: string };
    /** AWS's standard credential variables that are set (Lambda gives a function its keys so). */
    environment?: Readonly<Record<string, string>>;
  };
  auth: AuthConfig;
  /** Signs pagination cursors; outside `local` it must come from the deployment (a secret). */
  cursorSecret?: string;
  allowedOrigins: string[];
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** X-Ray subsegments, outside `local`: off with POWERTOOLS_TRACE_ENABLED=false. */
  tracing: {
    enabled: boolean;
    /** The X-Ray daemon's address as Lambda gives it (`host:port`); the default daemon's when unset. */
    daemonAddress?: string;
  };
  /** Where the local stack keeps dynalite's files, the local issuer's key and generated secrets. */
  dataDir: string;
  /** Where uploaded images live: files under the data dir locally, an S3 bucket in AWS. */
  uploads:
    | {
        provider: 'local';
        /** The API's address as clients reach it, for upload URLs; the local stack's own when unset. */
        publicUrl?: string;
      }
    | {
        provider: 's3';
        bucket: string;
        region: string;
        /** An S3-compatible server instead of AWS (addressed path-style), for tests. */
        endpoint?: string;
      };
  /** The local stack's ports, and where the built web client is (served at `/` when present). */
  local: {
    port: number;
    wsPort: number;
    dynamodbPort: number;
    webDir: string;
    /** Host names answered besides loopback ones (APP_LOCAL_HOSTS and APP_PUBLIC_URL's); others get 421. */
    allowedHosts: string[];
    /** Pending uploads older than this are deleted, as the bucket's lifecycle rule does in AWS (a day). */
    pendingUploadExpiryMs: number;
  };
  /** /docs, /openapi.json: everywhere but production. */
  exposeDocs: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOCAL_ORIGINS = [
  'http://127.0.0.1:3000',
  'http://localhost:3000',
  'http://127.0.0.1:5173',
  'http://localhost:5173',
];

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    // A secret's value is never echoed: the message lands in terminals and CI logs.
    const shown = SECRET_NAMES.has(name) ? '(value hidden)' : JSON.stringify(env[name] ?? '');
    throw new ConfigError(`${name}=${shown} is not valid: ${issue?.message ?? 'bad value'}.`);
  }
  const e = parsed.data;
  const isLocal = e.APP_ENVIRONMENT === 'local';
  const allowedOrigins = e.APP_ALLOWED_ORIGINS ?? (isLocal ? LOCAL_ORIGINS : []);
  if (e.APP_ENVIRONMENT === 'production' && allowedOrigins.includes('*')) {
    throw new ConfigError('APP_ALLOWED_ORIGINS="*" is not allowed in production: list the exact origins.');
  }
  if (e.PORT !== 0 && e.PORT === e.WS_PORT) {
    throw new ConfigError(
      `PORT and WS_PORT are both ${e.PORT}: the API and the WebSocket gateway need ports of their own.`,
    );
  }
  if (!isLocal && !e.APP_CURSOR_SECRET) {
    throw new ConfigError(
      `APP_CURSOR_SECRET is required in ${e.APP_ENVIRONMENT}: set at least 32 random characters.`,
    );
  }
  return {
    environment: e.APP_ENVIRONMENT,
    version: e.APP_VERSION,
    repository:
      e.APP_REPOSITORY_PROVIDER === 'memory'
        ? { provider: 'memory' }
        : {
            provider: 'dynamodb',
            tableName: e.APP_DYNAMODB_TABLE,
            connectionsTableName: e.APP_DYNAMODB_CONNECTIONS_TABLE,
            region: e.AWS_REGION,
            ...(e.APP_DYNAMODB_ENDPOINT ? { endpoint: e.APP_DYNAMODB_ENDPOINT } : {}),
            ...awsEnvironment(e),
          },
    auth: authConfig(e, isLocal),
    uploads: uploadsConfig(e, isLocal),
    tracing: {
      enabled: e.POWERTOOLS_TRACE_ENABLED === undefined || isOn(e.POWERTOOLS_TRACE_ENABLED),
      ...(e.AWS_XRAY_DAEMON_ADDRESS ? { daemonAddress: e.AWS_XRAY_DAEMON_ADDRESS } : {}),
    },
    realtime: {
      region: e.AWS_REGION,
      ...(e.APP_WEBSOCKET_MANAGEMENT_ENDPOINT
        ? { managementEndpoint: e.APP_WEBSOCKET_MANAGEMENT_ENDPOINT }
        : {}),
      ...(e.APP_BROADCAST_KEY ? { broadcastKey: e.APP_BROADCAST_KEY } : {}),
      ...awsEnvironment(e),
    },
    ...(e.APP_CURSOR_SECRET ? { cursorSecret: e.APP_CURSOR_SECRET } : {}),
    allowedOrigins,
    logLevel: e.LOG_LEVEL,
    dataDir: e.APP_DATA_DIR,
    local: {
      port: e.PORT,
      wsPort: e.WS_PORT,
      dynamodbPort: e.APP_LOCAL_DYNAMODB_PORT,
      webDir: e.APP_WEB_DIR,
      allowedHosts: [
        ...(e.APP_LOCAL_HOSTS ?? []),
        ...(e.APP_PUBLIC_URL ? [new URL(e.APP_PUBLIC_URL).hostname] : []),
      ],
      pendingUploadExpiryMs: e.APP_LOCAL_UPLOAD_EXPIRY_SECONDS * 1000,
    },
    exposeDocs: e.APP_ENVIRONMENT !== 'production',
  };
}

function authConfig(e: z.output<typeof schema>, isLocal: boolean): AuthConfig {
  const provider = e.APP_AUTH_PROVIDER ?? (isLocal ? 'local' : undefined);
  switch (provider) {
    case 'local':
      if (!isLocal)
        throw new ConfigError('APP_AUTH_PROVIDER=local is only allowed when APP_ENVIRONMENT=local.');
      return { provider: 'local' };
    case 'firebase':
      return {
        provider,
        projectId: required(e.FIREBASE_PROJECT_ID, 'FIREBASE_PROJECT_ID', 'your Firebase project id'),
      };
    case 'cognito':
      return {
        provider,
        region: e.AWS_REGION,
        userPoolId: required(e.COGNITO_USER_POOL_ID, 'COGNITO_USER_POOL_ID', 'the user pool id'),
        clientIds: requiredList(
          e.COGNITO_CLIENT_ID,
          'COGNITO_CLIENT_ID',
          'the app client id(s), comma-separated',
        ),
      };
    default:
      throw new ConfigError(
        `APP_AUTH_PROVIDER is required in ${e.APP_ENVIRONMENT}: set firebase or cognito.`,
      );
  }
}

function uploadsConfig(e: z.output<typeof schema>, isLocal: boolean): Config['uploads'] {
  const provider = e.APP_UPLOADS_PROVIDER ?? (isLocal ? 'local' : 's3');
  if (provider === 'local') {
    if (!isLocal)
      throw new ConfigError('APP_UPLOADS_PROVIDER=local is only allowed when APP_ENVIRONMENT=local.');
    return { provider, ...(e.APP_PUBLIC_URL ? { publicUrl: e.APP_PUBLIC_URL.replace(/\/+$/, '') } : {}) };
  }
  return {
    provider,
    bucket: required(
      e.APP_UPLOADS_BUCKET,
      'APP_UPLOADS_BUCKET',
      `the uploads bucket name (images go to S3 ${e.APP_UPLOADS_PROVIDER ? 'as APP_UPLOADS_PROVIDER=s3 says' : `by default when APP_ENVIRONMENT is not local`})`,
    ),
    region: e.AWS_REGION,
    ...(e.APP_UPLOADS_ENDPOINT ? { endpoint: e.APP_UPLOADS_ENDPOINT } : {}),
  };
}

function requiredList(value: string[] | undefined, name: string, what: string): string[] {
  if (!value || value.length === 0) required(undefined, name, what);
  return value as string[];
}

function required(value: string | undefined, name: string, what: string): string {
  if (!value) throw new ConfigError(`${name} is required with this configuration: set it to ${what}.`);
  return value;
}

const AWS_VARIABLES = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;

/** The AWS variables that are set, for a client that reads no environment of its own; nothing when none is. */
function awsEnvironment(e: z.output<typeof schema>): { environment?: Record<string, string> } {
  const set = AWS_VARIABLES.filter((name) => e[name]).map((name) => [name, e[name] as string]);
  return set.length > 0 ? { environment: Object.fromEntries(set) } : {};
}
