import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Print } from '../../src/deploy/progress.js';
import { buildWebClient } from '../../src/deploy/site/build-site.js';
import { cloudFrontInvalidator } from '../../src/deploy/site/cloudfront-invalidator.js';
import { type PublishResult, publishSite, RUNTIME_CONFIG_KEY } from '../../src/deploy/site/publish-site.js';
import { runtimeConfigFromOutputs } from '../../src/deploy/site/runtime-config.js';
import { cognitoSmokeUser } from '../../src/smoke/cognito-smoke-user.js';
import { createSiteDistribution, invalidatedPaths } from './moto-cloudfront.js';

export class SiteRehearsalFailed extends Error {}

/**
 * The parts of a deploy after the stack that moto can run: the web client published into the stack's real
 * (moto) site bucket with the deployed URLs in its runtime config, and the smoke suite's throwaway user made,
 * signed in and deleted through Cognito's admin APIs. moto's CloudFormation cannot create the distribution
 * nor the pool, so the distribution is made with moto's CloudFront API (which then holds the deploy's real
 * invalidations, read back here) and the pool and its smoke client with moto's Cognito API, as the stack
 * would make them. Both are said so.
 */
export async function rehearseSiteAndSignIn(
  outputs: Record<string, string>,
  { s3, region, print }: { s3: S3Client; region: string; print: Print },
): Promise<void> {
  const bucket = outputs.SiteBucketName;
  if (!bucket) throw new SiteRehearsalFailed('the stack has no SiteBucketName output');
  const cloudfront = new CloudFrontClient({ region });
  const distributionId = await createSiteDistribution(cloudfront, bucket);
  print(`~ stood in: the site's distribution, made with moto's CloudFront API (${distributionId})`);
  const buildDir = await buildWebClient('dist/site');
  const publish = (dir: string) =>
    publishSite({
      s3,
      invalidator: cloudFrontInvalidator(cloudfront),
      bucket,
      distributionId,
      buildDir: dir,
      config: runtimeConfigFromOutputs(outputs),
      note: (line) => print(`  ${line}`),
    });
  const result = await publish(buildDir);
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
  await republish(buildDir, { publish, cloudfront, distributionId, print });
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

/**
 * Publishes the same build again (nothing may be invalidated), then one whose index.html changed: CloudFront
 * (moto's) must then hold exactly one invalidation, of `/` and `/index.html`.
 */
async function republish(
  buildDir: string,
  {
    publish,
    cloudfront,
    distributionId,
    print,
  }: {
    publish: (dir: string) => Promise<PublishResult>;
    cloudfront: CloudFrontClient;
    distributionId: string;
    print: Print;
  },
): Promise<void> {
  const again = await publish(buildDir);
  if (again.uploaded.length > 0 || (await invalidatedPaths(cloudfront, distributionId)).size > 0)
    throw new SiteRehearsalFailed(
      `publishing the same build again sent ${again.uploaded.join(', ') || 'nothing'} and invalidated ${again.invalidated.join(' ') || 'nothing'}`,
    );
  const changedDir = await mkdtemp(join(tmpdir(), 'blogapp-rehearsal-site-'));
  try {
    await cp(buildDir, changedDir, { recursive: true });
    await appendFile(join(changedDir, 'index.html'), '<!-- rehearsal: a changed page -->\n');
    const changed = await publish(changedDir);
    const held = [...(await invalidatedPaths(cloudfront, distributionId)).values()];
    const expected = ['/', '/index.html'];
    if (JSON.stringify(held) !== JSON.stringify([expected]))
      throw new SiteRehearsalFailed(
        `after changing index.html CloudFront holds ${JSON.stringify(held)}, not one invalidation of ${expected.join(' ')}`,
      );
    print(
      `✓ site: republished unchanged (no invalidation), then with index.html changed: ${changed.uploaded.join(', ')} sent, CloudFront invalidated ${held[0]?.join(' ')}`,
    );
  } finally {
    await rm(changedDir, { recursive: true, force: true });
  }
}
