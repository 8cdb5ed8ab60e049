import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Print } from '../../src/deploy/progress.js';
import { buildWebClient } from '../../src/deploy/site/build-site.js';
import { publishSite, RUNTIME_CONFIG_KEY } from '../../src/deploy/site/publish-site.js';
import { runtimeConfigFromOutputs } from '../../src/deploy/site/runtime-config.js';
import { cognitoSmokeUser } from '../../src/smoke/cognito-smoke-user.js';

export class SiteRehearsalFailed extends Error {}

/**
 * The parts of a deploy after the stack that moto can run: the web client published into the stack's real
 * (moto) site bucket with the deployed URLs in its runtime config, and the smoke suite's throwaway user made,
 * signed in and deleted through Cognito's admin APIs. moto's CloudFormation cannot create the distribution
 * nor the pool, so the invalidation is recorded rather than sent, and the pool and its smoke client are made
 * with moto's Cognito API as the stack would make them. Both are said so.
 */
export async function rehearseSiteAndSignIn(
  outputs: Record<string, string>,
  { s3, region, print }: { s3: S3Client; region: string; print: Print },
): Promise<void> {
  const bucket = outputs.SiteBucketName;
  if (!bucket) throw new SiteRehearsalFailed('the stack has no SiteBucketName output');
  const invalidated: string[][] = [];
  const result = await publishSite({
    s3,
    // Stood in: the distribution is a stand-in too, so there is nothing in moto to invalidate.
    invalidator: { invalidate: async (_id, paths) => `stand-in-${invalidated.push(paths)}` },
    bucket,
    distributionId: outputs.SiteDistributionId ?? 'stand-in',
    buildDir: await buildWebClient('dist/site'),
    config: runtimeConfigFromOutputs(outputs),
    note: (line) => print(`  ${line}`),
  });
  const config = await (
    await s3.send(new GetObjectCommand({ Bucket: bucket, Key: RUNTIME_CONFIG_KEY }))
  ).Body?.transformToString();
  for (const url of [outputs.ApiUrl, outputs.WebSocketURL]) {
    if (!url || !config?.includes(url))
      throw new SiteRehearsalFailed(`${RUNTIME_CONFIG_KEY} does not name ${url}`);
  }
  print(
    `✓ site: ${result.uploaded.length} files in s3://${bucket}, ${RUNTIME_CONFIG_KEY} names ${outputs.ApiUrl} and ${outputs.WebSocketURL}`,
  );
  print('~ stood in: the CloudFront invalidation (moto has no distribution from CloudFormation)');

  const cognito = new CognitoIdentityProviderClient({ region });
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'blogapp-development-users' }));
  const userPoolId = pool.UserPool?.Id ?? '';
  const smokeClient = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'blogapp-development-smoke',
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  print(`~ stood in: the user pool and its smoke client, made with moto's Cognito API (${userPoolId})`);
  const user = cognitoSmokeUser({
    client: cognito,
    userPoolId,
    clientId: smokeClient.UserPoolClient?.ClientId ?? '',
  });
  const { detail } = await user.signIn();
  print(`✓ smoke user: ${detail}`);
  const deleted = await user.cleanUp();
  print(`✓ smoke user: ${deleted}`);
  const gone = await cognito
    .send(
      new AdminGetUserCommand({
        UserPoolId: userPoolId,
        Username: detail.match(/\S+@smoke\.invalid/)?.[0] ?? '',
      }),
    )
    .then(
      () => false,
      (error: Error) => error.name === 'UserNotFoundException',
    );
  if (!gone) throw new SiteRehearsalFailed('the smoke user is still in the pool after clean-up');
}
