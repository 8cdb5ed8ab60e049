import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { loadTemplate, resourcesOfType, TEMPLATE_DIR, type Template } from '../template/template.js';
import { rolePolicies } from './iam.js';

/** One check of what moto really created: what was looked at, and what it found. */
export interface Finding {
  what: string;
  found: string;
  /** moto did not create this part: what the template says is reported instead, marked as a gap. */
  gap?: boolean;
}

export class RehearsalMismatch extends Error {}

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new RehearsalMismatch(
      `${what}: moto has ${JSON.stringify(actual)}, the template says ${JSON.stringify(expected)}`,
    );
  }
}

interface TableProperties {
  KeySchema: { AttributeName?: string; KeyType?: string }[];
  GlobalSecondaryIndexes?: {
    IndexName?: string;
    KeySchema?: { AttributeName?: string; KeyType?: string }[];
  }[];
}

/**
 * For a property moto's CloudFormation does not apply: `actual` equal to what the template asks is checked;
 * equal to moto's default it is a gap (reported, not failed); anything else is a mismatch.
 */
function checkOrGap(
  findings: Finding[],
  what: string,
  { actual, expected, motoDefault }: { actual: unknown; expected: unknown; motoDefault: unknown },
): void {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (same(actual, expected)) return;
  if (same(actual, motoDefault)) {
    findings.push({
      what,
      found: `moto's CloudFormation does not apply it (has ${JSON.stringify(actual)}); the template sent ${JSON.stringify(expected)}`,
      gap: true,
    });
    return;
  }
  expectEqual(what, actual, expected);
}

const sortedKeys = (schema: { AttributeName?: string; KeyType?: string }[] = []) =>
  schema.map((k) => `${k.AttributeName}:${k.KeyType}`);

/**
 * Reads back what the deploy created in moto and holds it to the template: the tables' keys, indexes,
 * stream and TTL; the buckets; each function's runtime, architecture, handler and environment; each
 * function role's policies and permissions boundary; the stream's event source mapping; the outputs. Throws
 * on the first mismatch.
 */
export async function inspectDeployment(
  endpoint: string,
  template: Template,
  outputs: Record<string, string>,
  { s3, artifactsBucket }: { s3: S3Client; artifactsBucket: string },
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const dynamodb = new DynamoDBClient({});
  const lambda = new LambdaClient({});

  for (const key of ['ApiUrl', 'WebSocketURL', 'TableName', 'ConnectionsTableName', 'UploadsBucketName']) {
    if (!outputs[key]) throw new RehearsalMismatch(`output ${key} is missing`);
  }
  findings.push({ what: 'outputs', found: Object.keys(outputs).sort().join(', ') });

  const declared = template.Resources.Table?.Properties as unknown as TableProperties;
  const table = (await dynamodb.send(new DescribeTableCommand({ TableName: outputs.TableName }))).Table;
  expectEqual('Table keys', sortedKeys(table?.KeySchema), sortedKeys(declared.KeySchema));
  const indexes = (list: TableProperties['GlobalSecondaryIndexes'] = []) =>
    list.map((g) => `${g.IndexName}(${sortedKeys(g.KeySchema).join(',')})`).sort();
  const gsis = indexes(table?.GlobalSecondaryIndexes);
  expectEqual('Table GSIs', gsis, indexes(declared.GlobalSecondaryIndexes));
  expectEqual('Table stream', table?.StreamSpecification, {
    StreamEnabled: true,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  });
  findings.push({
    what: `table ${outputs.TableName}`,
    found: `keys ${sortedKeys(table?.KeySchema).join(' ')}, GSIs ${gsis.join(' ')}, stream NEW_AND_OLD_IMAGES`,
  });
  const ttl = (await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: outputs.TableName })))
    .TimeToLiveDescription;
  const declaredTtl = (declared as { TimeToLiveSpecification?: { AttributeName: string } })
    .TimeToLiveSpecification;
  checkOrGap(findings, 'table TTL', {
    actual: ttl?.TimeToLiveStatus === 'ENABLED' ? ttl.AttributeName : 'DISABLED',
    expected: declaredTtl?.AttributeName,
    motoDefault: 'DISABLED',
  });
  const connections = (
    await dynamodb.send(new DescribeTableCommand({ TableName: outputs.ConnectionsTableName }))
  ).Table;
  expectEqual('ConnectionsTable keys', sortedKeys(connections?.KeySchema), ['pk:HASH', 'sk:RANGE']);
  findings.push({ what: `table ${outputs.ConnectionsTableName}`, found: 'keys pk/sk' });

  await s3.send(new HeadBucketCommand({ Bucket: outputs.UploadsBucketName }));
  const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: outputs.UploadsBucketName }));
  expectEqual(
    'UploadsBucket encryption',
    encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
      ?.SSEAlgorithm,
    'AES256',
  );
  findings.push({ what: `bucket ${outputs.UploadsBucketName}`, found: 'exists, AES256 by default' });
  const bootstrap = await loadTemplate(join(TEMPLATE_DIR, 'bootstrap.yaml'));
  const artifacts = bootstrap.Resources.ArtifactsBucket?.Properties ?? {};
  const artifactsEncryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: artifactsBucket }));
  expectEqual(
    'ArtifactsBucket encryption',
    artifactsEncryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
      ?.SSEAlgorithm,
    'AES256',
  );
  findings.push({ what: `artifacts bucket ${artifactsBucket}`, found: 'exists, AES256 by default' });
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: artifactsBucket }));
  checkOrGap(findings, 'artifacts bucket versioning', {
    actual: versioning.Status,
    expected: (artifacts.VersioningConfiguration as { Status?: string } | undefined)?.Status,
    motoDefault: undefined,
  });

  const globals = template.Globals?.Function ?? {};
  const functions = await Promise.all(
    resourcesOfType(template, 'AWS::Serverless::Function').map(async ([logicalId, resource]) => {
      const functionName = outputs[`${logicalId}Name`] as string;
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
      return { logicalId, resource, functionName, config, roleName: config.Role?.split('/').pop() ?? '' };
    }),
  );
  const roles = await rolePolicies(
    endpoint,
    functions.map((fn) => fn.roleName),
  );
  for (const { logicalId, resource, functionName, config, roleName } of functions) {
    expectEqual(`${logicalId} runtime`, config.Runtime, resource.Properties?.Runtime ?? globals.Runtime);
    checkOrGap(findings, `${logicalId} architecture`, {
      actual: config.Architectures,
      expected: resource.Properties?.Architectures ?? globals.Architectures,
      motoDefault: ['x86_64'],
    });
    expectEqual(`${logicalId} handler`, config.Handler, resource.Properties?.Handler ?? globals.Handler);
    const env = config.Environment?.Variables ?? {};
    expectEqual(`${logicalId} APP_DYNAMODB_TABLE`, env.APP_DYNAMODB_TABLE, outputs.TableName);
    expectEqual(`${logicalId} APP_UPLOADS_BUCKET`, env.APP_UPLOADS_BUCKET, outputs.UploadsBucketName);
    // The Cognito/Firebase variables are set only for the provider in use (Fn::If … AWS::NoValue).
    const expectedNames = Object.keys({
      ...((globals.Environment as { Variables?: object } | undefined)?.Variables ?? {}),
      ...((resource.Properties?.Environment as { Variables?: object } | undefined)?.Variables ?? {}),
    }).filter((name) => !['FIREBASE_PROJECT_ID', 'COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID'].includes(name));
    const missing = expectedNames.filter((name) => env[name] === undefined);
    if (missing.length > 0)
      throw new RehearsalMismatch(`${logicalId} environment lacks ${missing.join(', ')}`);

    const policies = roles[roleName] ?? { inline: {}, attached: [] };
    const sids = Object.values(policies.inline).flatMap((doc) => doc.Statement.map((s) => s.Sid ?? '?'));
    const statements = (
      (resource.Properties?.Policies as { Statement: { Sid: string }[] }[] | undefined) ?? []
    ).flatMap((policy) => policy.Statement.map((s) => s.Sid));
    expectEqual(`${logicalId} role's statements`, [...sids].sort(), [...statements].sort());
    // deploy-role.yaml's boundary for the environment, which the deploy role creates no role without.
    const account = config.Role?.split(':')[4];
    checkOrGap(findings, `${logicalId} role's permissions boundary`, {
      actual: policies.boundary ?? null,
      expected: `arn:aws:iam::${account}:policy/blogapp-${env.APP_ENVIRONMENT}-boundary`,
      motoDefault: null,
    });
    const attached = policies.attached.map((arn) => arn.split('/').pop());
    findings.push({
      what: `function ${functionName}`,
      found: `${config.Runtime} ${config.Handler}, ${Object.keys(env).length} env vars; role ${roleName}: ${sids.join(', ')}${attached.length ? ` + ${attached.join(', ')}` : ''}`,
    });
  }

  const streamFunction = outputs.CommentStreamFunctionName as string;
  const mappings = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: streamFunction }));
  const mapping = mappings.EventSourceMappings?.[0];
  expectEqual('event source mapping source', mapping?.EventSourceArn, table?.LatestStreamArn);
  expectEqual('event source mapping batch size', mapping?.BatchSize, 100);
  findings.push({
    what: 'event source mapping',
    found: `${table?.LatestStreamArn} → ${streamFunction}, batch 100`,
  });
  return findings;
}
