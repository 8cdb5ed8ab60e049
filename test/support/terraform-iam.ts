import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { arnOf, PSEUDO } from './deploy-role.js';

const account = PSEUDO['AWS::AccountId'];

/**
 * What Terraform's AWS provider (5.100) calls for one resource type, on which ARN: create, read (every plan
 * refreshes), update where the roots change it, tags (default_tags) and delete. `unscoped` are the calls AWS
 * authorizes on "*" only. `idNamed` types have generated ARNs: the role reaches them account-wide and its
 * DenyOtherEnvironments keeps it off other environments' by tag.
 */
export interface TerraformIam {
  arn: (stack: string) => string;
  actions: string[];
  unscoped?: string[];
  idNamed?: true;
}

const api = '/apis/a1b2c3d4e5';
const pool = 'us-east-1_AbCdEf123';

/** Every resource type the Terraform modules declare (a test keeps this list and the modules' equal). */
export const TERRAFORM_IAM: Record<string, TerraformIam> = {
  aws_cloudwatch_log_group: {
    arn: (stack) => arnOf.logGroup(`/aws/lambda/${stack}-api`),
    actions: [
      'logs:CreateLogGroup',
      'logs:PutRetentionPolicy',
      'logs:ListTagsForResource',
      'logs:TagResource',
      'logs:DeleteLogGroup',
    ],
    unscoped: ['logs:DescribeLogGroups'],
  },
  aws_iam_role: {
    arn: (stack) => arnOf.role(`${stack}-api-role`),
    actions: [
      'iam:CreateRole',
      'iam:GetRole',
      'iam:TagRole',
      'iam:ListRolePolicies',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
      'iam:PassRole',
      'iam:DeleteRole',
    ],
  },
  aws_iam_role_policy: {
    arn: (stack) => arnOf.role(`${stack}-api-role`),
    actions: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'],
  },
  aws_iam_role_policy_attachment: {
    arn: (stack) => arnOf.role(`${stack}-api-role`),
    actions: ['iam:AttachRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:DetachRolePolicy'],
  },
  aws_lambda_function: {
    arn: (stack) => arnOf.function(`${stack}-api`),
    actions: [
      'lambda:CreateFunction',
      'lambda:GetFunction',
      'lambda:GetFunctionCodeSigningConfig',
      'lambda:ListVersionsByFunction',
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
      'lambda:TagResource',
      'lambda:ListTags',
      'lambda:DeleteFunction',
    ],
  },
  aws_lambda_alias: {
    arn: (stack) => `${arnOf.function(`${stack}-api`)}:live`,
    // UpdateAlias is also the canary controller's (src/deploy/canary), in production.
    actions: ['lambda:CreateAlias', 'lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:DeleteAlias'],
  },
  aws_lambda_permission: {
    arn: (stack) => arnOf.function(`${stack}-api`),
    actions: ['lambda:AddPermission', 'lambda:GetPolicy', 'lambda:RemovePermission'],
  },
  aws_lambda_event_source_mapping: {
    arn: () => arnOf.eventSourceMapping('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'),
    actions: ['lambda:TagResource', 'lambda:ListTags'],
    unscoped: [
      'lambda:CreateEventSourceMapping',
      'lambda:GetEventSourceMapping',
      'lambda:UpdateEventSourceMapping',
      'lambda:DeleteEventSourceMapping',
    ],
    idNamed: true,
  },
  aws_dynamodb_table: {
    arn: (stack) => arnOf.table(`${stack}-table`),
    actions: [
      'dynamodb:CreateTable',
      'dynamodb:DescribeTable',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:UpdateContinuousBackups',
      'dynamodb:DescribeTimeToLive',
      'dynamodb:UpdateTimeToLive',
      'dynamodb:ListTagsOfResource',
      'dynamodb:TagResource',
      'dynamodb:DeleteTable',
    ],
  },
  aws_secretsmanager_secret: {
    arn: (stack) => arnOf.secret(`${stack}/cursor-secret`),
    actions: [
      'secretsmanager:CreateSecret',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetResourcePolicy',
      'secretsmanager:TagResource',
      'secretsmanager:DeleteSecret',
    ],
  },
  aws_secretsmanager_secret_version: {
    arn: (stack) => arnOf.secret(`${stack}/cursor-secret`),
    actions: ['secretsmanager:PutSecretValue', 'secretsmanager:GetSecretValue'],
  },
  aws_s3_bucket: {
    arn: (stack) => arnOf.bucket(`${stack}-uploads-${account}`),
    actions: [
      's3:CreateBucket',
      's3:ListBucket',
      's3:GetBucketTagging',
      's3:PutBucketTagging',
      's3:GetBucketAcl',
      's3:GetBucketVersioning',
      's3:DeleteBucket',
    ],
  },
  aws_s3_bucket_cors_configuration: {
    arn: (stack) => arnOf.bucket(`${stack}-uploads-${account}`),
    actions: ['s3:PutBucketCORS', 's3:GetBucketCORS'],
  },
  aws_s3_bucket_lifecycle_configuration: {
    arn: (stack) => arnOf.bucket(`${stack}-uploads-${account}`),
    actions: ['s3:PutLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
  },
  aws_s3_bucket_ownership_controls: {
    arn: (stack) => arnOf.bucket(`${stack}-site-${account}`),
    actions: ['s3:PutBucketOwnershipControls', 's3:GetBucketOwnershipControls'],
  },
  aws_s3_bucket_policy: {
    arn: (stack) => arnOf.bucket(`${stack}-site-${account}`),
    actions: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
  },
  aws_s3_bucket_public_access_block: {
    arn: (stack) => arnOf.bucket(`${stack}-site-${account}`),
    actions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
  },
  aws_s3_bucket_server_side_encryption_configuration: {
    arn: (stack) => arnOf.bucket(`${stack}-site-${account}`),
    actions: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'],
  },
  aws_sns_topic: {
    arn: (stack) => arnOf.topic(`${stack}-alarms`),
    actions: [
      'sns:CreateTopic',
      'sns:GetTopicAttributes',
      'sns:SetTopicAttributes',
      'sns:ListTagsForResource',
      'sns:TagResource',
      'sns:DeleteTopic',
    ],
  },
  aws_sns_topic_subscription: {
    arn: (stack) => arnOf.topic(`${stack}-alarms`),
    // Read and unsubscribed by the subscription's ARN, <topic ARN>:<id>.
    actions: ['sns:Subscribe', 'sns:GetSubscriptionAttributes', 'sns:Unsubscribe'],
  },
  aws_sqs_queue: {
    arn: (stack) => arnOf.queue(`${stack}-comment-stream-failures`),
    actions: [
      'sqs:CreateQueue',
      'sqs:GetQueueAttributes',
      'sqs:SetQueueAttributes',
      'sqs:ListQueueTags',
      'sqs:TagQueue',
      'sqs:DeleteQueue',
    ],
  },
  aws_cloudwatch_metric_alarm: {
    arn: (stack) => arnOf.alarm(`${stack}-http-api-5xx`),
    actions: ['cloudwatch:PutMetricAlarm', 'cloudwatch:ListTagsForResource', 'cloudwatch:DeleteAlarms'],
    unscoped: ['cloudwatch:DescribeAlarms'],
  },
  aws_cloudwatch_dashboard: {
    arn: (stack) => arnOf.dashboard(stack),
    actions: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'],
  },
  aws_apigatewayv2_api: {
    arn: () => arnOf.api(api),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_stage: {
    arn: () => arnOf.api(`${api}/stages/$default`),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_route: {
    arn: () => arnOf.api(`${api}/routes/r1s2t3`),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_route_response: {
    arn: () => arnOf.api(`${api}/routes/r1s2t3/routeresponses/x9y8z7`),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_integration: {
    arn: () => arnOf.api(`${api}/integrations/i1j2k3`),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_deployment: {
    arn: () => arnOf.api(`${api}/deployments/d1e2f3`),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_domain_name: {
    arn: () => arnOf.api('/domainnames/api.blog.example.com'),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_apigatewayv2_api_mapping: {
    arn: () => arnOf.api('/domainnames/api.blog.example.com/apimappings/m1n2o3'),
    actions: ['apigateway:POST', 'apigateway:GET', 'apigateway:DELETE'],
    idNamed: true,
  },
  aws_cognito_user_pool: {
    arn: () => arnOf.userPool(pool),
    actions: [
      'cognito-idp:DescribeUserPool',
      'cognito-idp:GetUserPoolMfaConfig',
      'cognito-idp:SetUserPoolMfaConfig',
      'cognito-idp:UpdateUserPool',
      'cognito-idp:ListTagsForResource',
      'cognito-idp:DeleteUserPool',
    ],
    unscoped: ['cognito-idp:CreateUserPool'],
    idNamed: true,
  },
  aws_cognito_user_pool_client: {
    arn: () => arnOf.userPool(pool),
    actions: [
      'cognito-idp:CreateUserPoolClient',
      'cognito-idp:DescribeUserPoolClient',
      'cognito-idp:UpdateUserPoolClient',
      'cognito-idp:DeleteUserPoolClient',
    ],
    idNamed: true,
  },
  aws_cognito_user_pool_domain: {
    arn: () => arnOf.userPool(pool),
    actions: ['cognito-idp:CreateUserPoolDomain', 'cognito-idp:DeleteUserPoolDomain'],
    unscoped: ['cognito-idp:DescribeUserPoolDomain'],
    idNamed: true,
  },
  aws_cloudfront_distribution: {
    arn: () => arnOf.cloudfront('distribution/E1A2B3C4D5'),
    actions: [
      'cloudfront:CreateDistribution',
      'cloudfront:GetDistribution',
      'cloudfront:UpdateDistribution',
      'cloudfront:TagResource',
      'cloudfront:ListTagsForResource',
      'cloudfront:DeleteDistribution',
    ],
    idNamed: true,
  },
  aws_cloudfront_origin_access_control: {
    arn: () => arnOf.cloudfront('origin-access-control/E2B3C4D5E6'),
    actions: [
      'cloudfront:CreateOriginAccessControl',
      'cloudfront:GetOriginAccessControl',
      'cloudfront:DeleteOriginAccessControl',
    ],
    idNamed: true,
  },
  aws_cloudfront_cache_policy: {
    arn: () => arnOf.cloudfront('cache-policy/0a1b2c3d-4e5f'),
    actions: ['cloudfront:CreateCachePolicy', 'cloudfront:GetCachePolicy', 'cloudfront:DeleteCachePolicy'],
    idNamed: true,
  },
  aws_cloudfront_response_headers_policy: {
    arn: () => arnOf.cloudfront('response-headers-policy/1b2c3d4e-5f6a'),
    actions: [
      'cloudfront:CreateResponseHeadersPolicy',
      'cloudfront:GetResponseHeadersPolicy',
      'cloudfront:DeleteResponseHeadersPolicy',
    ],
    idNamed: true,
  },
};

/** Every data source type the modules read, the same way: what every plan calls. */
export const TERRAFORM_DATA_IAM: Record<string, TerraformIam> = {
  // The boundary is looked up first, so a plan without it stops before anything is created.
  aws_iam_policy: {
    arn: (stack) => `arn:aws:iam::${account}:policy/${stack}-boundary`,
    actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
  },
  aws_secretsmanager_random_password: {
    arn: () => '*',
    actions: [],
    unscoped: ['secretsmanager:GetRandomPassword'],
  },
  // sts:GetCallerIdentity needs no permission; the others are computed without calling AWS.
  aws_caller_identity: { arn: () => '*', actions: [] },
  aws_partition: { arn: () => '*', actions: [] },
  aws_region: { arn: () => '*', actions: [] },
  aws_iam_policy_document: { arn: () => '*', actions: [] },
};

/** Terraform's own resources, which call no AWS API. */
export const TERRAFORM_LOCAL_TYPES = ['terraform_data'];

/** Every resource (or data source) type the given modules directory declares, from its `resource "<type>"` lines. */
export async function terraformTypes(modulesDir: string, kind: 'resource' | 'data'): Promise<string[]> {
  const modules = await readdir(modulesDir);
  const texts = await Promise.all(
    modules.map((module) => readFile(join(modulesDir, module, 'main.tf'), 'utf8').catch(() => '')),
  );
  const declaration = new RegExp(`^${kind}\\s+"([\\w-]+)"\\s+"`, 'gm');
  const types = texts.flatMap((text) => [...text.matchAll(declaration)].map((m) => m[1] ?? ''));
  return [...new Set(types)].sort();
}

/** Every resource and data source the role must reach for the modules, by type. */
export const TERRAFORM_ALL_IAM = { ...TERRAFORM_IAM, ...TERRAFORM_DATA_IAM };

/** The named resources' [type, ARN, action] for one stack: what its deploy role must reach, and no other's. */
export const terraformNamedArns = (stack: string): [string, string, string][] =>
  Object.entries(TERRAFORM_ALL_IAM)
    .filter(([, iam]) => !iam.idNamed)
    .flatMap(([type, iam]) =>
      iam.actions.map((action): [string, string, string] => [type, iam.arn(stack), action]),
    );
