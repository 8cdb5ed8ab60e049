import type { AwsEnvironment } from '../../aws/credentials.js';

/**
 * Where DynamoDB is, in the SDK's order: the option (dynalite locally), then the standard endpoint variables,
 * then the region's public endpoint (its FIPS one when asked). Dual-stack endpoints are not offered: nothing
 * here asks for them.
 */
export function endpointOf(option: string | undefined, region: string, env: AwsEnvironment): URL {
  const configured = option ?? env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const service = env.AWS_USE_FIPS_ENDPOINT === 'true' ? 'dynamodb-fips' : 'dynamodb';
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://${service}.${region}.${suffix}`);
}
