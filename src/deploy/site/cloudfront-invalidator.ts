import { randomUUID } from 'node:crypto';
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import type { Invalidator } from './publish-site.js';

/**
 * CloudFront's invalidation API behind the publisher's port. The caller reference is fresh per call:
 * CloudFront treats a repeated one as the same request and would hand back the earlier invalidation.
 */
export function cloudFrontInvalidator(client: CloudFrontClient): Invalidator {
  return {
    async invalidate(distributionId, paths) {
      const answer = await client.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: `blogapp-${randomUUID()}`,
            Paths: { Quantity: paths.length, Items: paths },
          },
        }),
      );
      return answer.Invalidation?.Id ?? 'unknown';
    },
  };
}
