import { isObject, loadTemplate, type Properties } from '../../scripts/template/template.js';

/**
 * The API function configured as deployed (development, Cognito, S3 uploads), credentials in the environment
 * as Lambda gives them, and only the DynamoDB endpoint pointing at dynalite — through AWS's standard
 * AWS_ENDPOINT_URL_DYNAMODB, not the app's APP_DYNAMODB_ENDPOINT, so the app runs its AWS path: AWS's
 * timeouts and credential chain, and no table checks at init (calls AWS never sees).
 */
export function deployedEnv(
  db: { endpoint: string; tableName: string; connectionsTableName: string },
  dataDir: string,
) {
  return {
    APP_ENVIRONMENT: 'development',
    APP_AUTH_PROVIDER: 'cognito',
    COGNITO_USER_POOL_ID: 'us-east-1_Bench0001',
    COGNITO_CLIENT_ID: 'bench-client',
    APP_CURSOR_SECRET: 'bench-cursor-secret-of-at-least-32-characters',
    APP_UPLOADS_BUCKET: 'blogapp-bench-uploads',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key-for-dynalite-only',
    AWS_SESSION_TOKEN: 'bench-session-token',
    APP_DYNAMODB_TABLE: db.tableName,
    APP_DYNAMODB_CONNECTIONS_TABLE: db.connectionsTableName,
    APP_DATA_DIR: dataDir,
    AWS_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: 'blogapp-api',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    NODE_NO_WARNINGS: '1',
  };
}

/**
 * What Lambda's runtime also sets for a traced function: with a sampled trace header every invocation is
 * traced, as under the template's `Tracing: Active`. Its UDP segments go to the default daemon address, unread.
 */
export const TRACED_LAMBDA_ENV = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
};

/**
 * NODE_OPTIONS as the template gives the function (its own, or Globals), so a probe starts Node with the
 * flags Lambda would. The template sets none since the logger maps logged errors' stacks itself: Node's
 * `--enable-source-maps` read every loaded file's source map at load time, at each cold start.
 */
export async function deployedNodeOptions(logicalId: string): Promise<string | undefined> {
  const template = await loadTemplate();
  const variables = (properties: Properties | undefined) => {
    const environment = properties?.Environment;
    return isObject(environment) && isObject(environment.Variables) ? environment.Variables : {};
  };
  const value =
    variables(template.Resources[logicalId]?.Properties).NODE_OPTIONS ??
    variables(template.Globals?.Function).NODE_OPTIONS;
  return typeof value === 'string' ? value : undefined;
}
