import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import type { Target } from '../../target.js';

export interface AwsClients {
  cloudformation: CloudFormationClient;
  s3: S3Client;
  lambda: LambdaClient;
}

/**
 * The SDK clients for a target: its region and profile, else the SDK's own chain (AWS_REGION, AWS_PROFILE,
 * SSO, web identity in CI). AWS_ENDPOINT_URL (an emulator such as moto) is honoured by the SDK itself; S3 is
 * then addressed by path, as emulators on loopback have no per-bucket host names.
 */
export function awsClients(
  target: Pick<Target, 'region' | 'profile'>,
  { emulated = false }: { emulated?: boolean } = {},
): AwsClients {
  const config = {
    ...(target.region ? { region: target.region } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
  };
  return {
    cloudformation: new CloudFormationClient(config),
    s3: new S3Client({ ...config, forcePathStyle: emulated }),
    lambda: new LambdaClient(config),
  };
}
