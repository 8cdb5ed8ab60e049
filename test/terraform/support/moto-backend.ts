import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DEPLOY_ENVIRONMENTS, type DeployEnvironment } from '../../../src/deploy/environments.js';
import { loadDeployRole } from '../../support/deploy-role.js';
import { MOTO_REGION, type MotoServer, motoClientConfig } from './moto-server.js';

export const MOTO_STATE_BUCKET = 'blogapp-terraform-state';

/**
 * What an account holds before an environment's first Terraform deploy: the state bucket in moto's S3 (what
 * the bootstrap root makes in AWS) and every environment's permissions boundary, which the plan looks up
 * (what deploy-role.yaml makes). Returns a backend config file pointing the S3 backend at that bucket:
 * path-style, no AWS-only checks. The roots' own key and use_lockfile stay as written.
 */
export async function motoBackend(
  moto: MotoServer,
  dir: string,
  { boundaries = DEPLOY_ENVIRONMENTS }: { boundaries?: readonly DeployEnvironment[] } = {},
): Promise<string> {
  const s3 = new S3Client(motoClientConfig(moto));
  await s3.send(new CreateBucketCommand({ Bucket: MOTO_STATE_BUCKET }));
  s3.destroy();
  for (const environment of boundaries) await createBoundary(moto, environment);
  const file = join(dir, 'moto.tfbackend');
  await writeFile(
    file,
    [
      `bucket                      = "${MOTO_STATE_BUCKET}"`,
      `endpoints                   = { s3 = "${moto.endpoint}", sts = "${moto.endpoint}" }`,
      'use_path_style              = true',
      'skip_credentials_validation = true',
      'skip_requesting_account_id  = true',
      'skip_metadata_api_check     = true',
      'skip_region_validation      = true',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * What moto cannot create, and the variable that leaves it out of the apply. Everything else in the roots is
 * applied for real. (AWS needs a deployment for the WebSocket stage to serve; moto has no such API. Moto
 * 5.2.1 has CloudFront distributions and origin access controls but no cache or response headers policies,
 * which the site's distribution needs, so the three go together.)
 */
export const MOTO_SKIPS = {
  aws_apigatewayv2_deployment: { variable: 'create_websocket_deployment', value: 'false' },
  aws_cloudfront_cache_policy: { variable: 'create_site_cdn', value: 'false' },
  aws_cloudfront_response_headers_policy: { variable: 'create_site_cdn', value: 'false' },
  aws_cloudfront_distribution: { variable: 'create_site_cdn', value: 'false' },
} as const;

export const motoVariables = (moto: MotoServer): Record<string, string> => ({
  aws_endpoint_url: moto.endpoint,
  ...Object.fromEntries(Object.values(MOTO_SKIPS).map(({ variable, value }) => [variable, value])),
});

/**
 * deploy-role.yaml's boundary policy for one environment, created in moto's IAM. By a raw Query API call: the
 * project has no IAM SDK client, and moto routes by the credential scope without checking the signature.
 */
async function createBoundary(moto: MotoServer, environment: string): Promise<void> {
  const { boundary } = await loadDeployRole(environment);
  const response = await fetch(`${moto.endpoint}/`, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${MOTO_REGION}/iam/aws4_request, SignedHeaders=host, Signature=0`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      Action: 'CreatePolicy',
      Version: '2010-05-08',
      PolicyName: boundary.arn.split(':policy/')[1] ?? '',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: boundary.statements }),
    }),
  });
  if (!response.ok) throw new Error(`moto refused the ${environment} boundary: ${await response.text()}`);
}
