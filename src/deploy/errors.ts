/** A failure the operator can act on: what went wrong, and what to do next. The CLIs print both and exit 1. */
export class DeployError extends Error {
  override name = 'DeployError';
  constructor(
    message: string,
    readonly whatNext: string,
  ) {
    super(message);
  }
}

/** Bad command-line arguments: the CLIs print the message and their usage, and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** No credentials, or refused ones: what the SDK (or Terraform's AWS backend) said, and how to sign in. */
export function missingCredentials(said: string, profile: string | undefined): DeployError {
  const flag = profile ? ` --profile ${profile}` : '';
  return new DeployError(
    `AWS credentials are missing or not valid: ${said}`,
    `Sign in (\`aws sso login${flag}\`, or \`aws configure${flag}\`), or pass --profile; in CI the deploy role is assumed through OIDC (DEPLOYMENT.md).`,
  );
}
