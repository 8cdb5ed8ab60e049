/**
 * The kinds of resource that hold data, as each engine names them, and what is lost when one is replaced or
 * deleted. One list, so the CloudFormation change-set guard and the Terraform plan guard refuse the same
 * things.
 */
export interface StatefulKind {
  cloudFormation: string;
  terraform: string;
  loses: string;
}

export const STATEFUL_KINDS: readonly StatefulKind[] = [
  {
    cloudFormation: 'AWS::DynamoDB::Table',
    terraform: 'aws_dynamodb_table',
    loses: 'every item in the table (posts, comments, profiles, favorites, or connections)',
  },
  {
    cloudFormation: 'AWS::S3::Bucket',
    terraform: 'aws_s3_bucket',
    loses: 'every object in the bucket (uploaded images, or the published web client)',
  },
  {
    cloudFormation: 'AWS::SecretsManager::Secret',
    terraform: 'aws_secretsmanager_secret',
    loses:
      'the secret value (the cursor-signing key: every pagination cursor already handed out stops working)',
  },
  {
    cloudFormation: 'AWS::Cognito::UserPool',
    terraform: 'aws_cognito_user_pool',
    loses: 'every user account and password in the pool',
  },
];

/** Resource type → what is lost, in one engine's names. */
export const statefulTypes = (engine: 'cloudFormation' | 'terraform'): Readonly<Record<string, string>> =>
  Object.fromEntries(STATEFUL_KINDS.map((kind) => [kind[engine], kind.loses]));
