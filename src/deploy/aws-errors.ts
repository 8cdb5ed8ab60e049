import { DeployError } from './errors.js';
import type { Target } from './target.js';

const CREDENTIAL_ERRORS =
  /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|Could not load credentials/;

/** SDK failures an operator can act on become DeployErrors that say what to do. */
export async function withAwsErrors<T>(target: Pick<Target, 'profile'>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DeployError) throw error;
    const { name, message } = error as Error;
    const profile = target.profile ? ` --profile ${target.profile}` : '';
    if (CREDENTIAL_ERRORS.test(`${name} ${message}`)) {
      throw new DeployError(
        `AWS credentials are missing or not valid: ${message}`,
        `Sign in (\`aws sso login${profile}\`, or \`aws configure${profile}\`), or pass --profile; in CI the deploy role is assumed through OIDC (DEPLOYMENT.md).`,
      );
    }
    if (name === 'AccessDenied' || name === 'AccessDeniedException' || /not authorized/.test(message)) {
      throw new DeployError(
        `AWS refused: ${message}`,
        'The deploy role lacks a permission: add it to infrastructure/aws-sam/bootstrap.yaml (DeployRole) and redeploy the bootstrap.',
      );
    }
    throw error;
  }
}
