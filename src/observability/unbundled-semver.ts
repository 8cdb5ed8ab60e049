/**
 * What the Lambda bundles get for `semver` (the template's `Alias`). Its only importer there is
 * aws-xray-sdk-core's AWS SDK v2 patcher (`captureAWS`), which checks the v2 SDK's version; blogapp's clients
 * are SDK v3, traced through `captureAWSv3Client`, so the 28 KB package would be parsed by every traced cold
 * start and never run. test/infrastructure/bundles.test.ts fails if anything else comes to import it.
 */
export function gte(): never {
  throw new Error(
    'semver is not bundled: only the X-Ray SDK v2 patcher (captureAWS) needs it. Trace SDK v3 clients with ' +
      'captureAWSv3Client, or drop the semver Alias from infrastructure/aws-sam/template.yaml.',
  );
}
