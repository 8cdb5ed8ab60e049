import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeployError } from '../../errors.js';

/** The bootstrap stack (infrastructure/aws-sam/bootstrap.yaml) and its output naming the artifacts bucket. */
export const BOOTSTRAP_STACK = 'blogapp-bootstrap';
const OUTPUT = 'ArtifactsBucketName';

/** The bucket `--artifacts-bucket` names, else the one the bootstrap stack created. */
export async function artifactsBucket(
  cloudformation: CloudFormationClient,
  given: string | undefined,
): Promise<string> {
  if (given) return given;
  const answer = await cloudformation
    .send(new DescribeStacksCommand({ StackName: BOOTSTRAP_STACK }))
    .catch((error: Error) => {
      if (/does not exist/.test(error.message)) return undefined;
      throw error;
    });
  const bucket = answer?.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === OUTPUT)?.OutputValue;
  if (!bucket) {
    throw new DeployError(
      `No artifacts bucket: stack ${BOOTSTRAP_STACK} ${answer ? `has no ${OUTPUT} output` : 'does not exist'} in this account and region.`,
      `Deploy the bootstrap once (DEPLOYMENT.md, first-time setup: aws cloudformation deploy --template-file infrastructure/aws-sam/bootstrap.yaml --stack-name ${BOOTSTRAP_STACK} ...), or pass --artifacts-bucket <a versioned, encrypted bucket you own>.`,
    );
  }
  return bucket;
}
