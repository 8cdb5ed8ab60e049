import {
  type CloudFrontClient,
  CreateDistributionCommand,
  GetInvalidationCommand,
  ListInvalidationsCommand,
} from '@aws-sdk/client-cloudfront';

/**
 * moto's CloudFormation does not create an `AWS::CloudFront::Distribution`, but moto's CloudFront API does
 * keep distributions and their invalidations. This makes the site's distribution that way (in front of the
 * site bucket, as the template's is), so the deploy's invalidations reach a CloudFront that can be read back.
 */
export async function createSiteDistribution(cloudfront: CloudFrontClient, bucket: string): Promise<string> {
  const created = await cloudfront.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: `blogapp-site-${bucket}`,
        Comment: `${bucket} (made through moto's CloudFront API)`,
        Enabled: true,
        DefaultRootObject: 'index.html',
        Origins: {
          Quantity: 1,
          Items: [
            {
              Id: 'site',
              DomainName: `${bucket}.s3.amazonaws.com`,
              S3OriginConfig: { OriginAccessIdentity: '' },
            },
          ],
        },
        DefaultCacheBehavior: {
          TargetOriginId: 'site',
          ViewerProtocolPolicy: 'redirect-to-https',
          // AWS's managed CachingOptimized policy.
          CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        },
      },
    }),
  );
  const id = created.Distribution?.Id;
  if (!id) throw new Error(`moto created no distribution for ${bucket}`);
  return id;
}

/** The paths of every invalidation the distribution holds, read back one by one (the list has no paths). */
export async function invalidatedPaths(
  cloudfront: CloudFrontClient,
  distributionId: string,
): Promise<Map<string, string[]>> {
  const list = await cloudfront.send(new ListInvalidationsCommand({ DistributionId: distributionId }));
  const paths = new Map<string, string[]>();
  for (const summary of list.InvalidationList?.Items ?? []) {
    const { Invalidation } = await cloudfront.send(
      new GetInvalidationCommand({ DistributionId: distributionId, Id: summary.Id }),
    );
    paths.set(summary.Id ?? '', Invalidation?.InvalidationBatch?.Paths?.Items ?? []);
  }
  return paths;
}
