import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import type { StackOutputs } from '../engines/engine.js';
import type { Progress } from '../progress.js';
import { buildWebClient } from './build-site.js';
import { cloudFrontInvalidator } from './cloudfront-invalidator.js';
import { publishSite } from './publish-site.js';
import { runtimeConfigFromOutputs } from './runtime-config.js';

/**
 * After the stack: the web client built and published to the stack's site bucket with the deployed URLs in
 * its runtime config, and CloudFront told about what changed. A stack without a site (no `SiteBucketName`
 * output) is left alone.
 */
export async function deploySite(
  outputs: StackOutputs,
  aws: { region?: string; profile?: string },
  progress: Progress,
): Promise<void> {
  const bucket = outputs.SiteBucketName;
  const distributionId = outputs.SiteDistributionId;
  if (!bucket || !distributionId) {
    progress.note('no site in this stack (no SiteBucketName output): the web client is not published');
    return;
  }
  const client = {
    ...(aws.region ? { region: aws.region } : {}),
    ...(aws.profile ? { profile: aws.profile } : {}),
  };
  const buildDir = await buildWebClient('dist/site');
  const result = await publishSite({
    s3: new S3Client(client),
    invalidator: cloudFrontInvalidator(new CloudFrontClient(client)),
    bucket,
    distributionId,
    buildDir,
    config: runtimeConfigFromOutputs(outputs),
    note: (line) => progress.note(line),
  });
  progress.note(
    `site: ${result.uploaded.length} uploaded, ${result.unchanged.length} unchanged, ${result.invalidated.length} path(s) invalidated → ${outputs.SiteUrl ?? bucket}`,
  );
}
