import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoSmokeUser, type SmokeSignIn } from '../smoke/cognito-smoke-user.js';
import { failedChecks, formatSmokeResult, summarizeSmoke } from '../smoke/smoke-report.js';
import { runSmokeSuite } from '../smoke/smoke-suite.js';
import { DEFAULT_HEALTH_CHECK, type HealthCheckOptions, waitForHealthy } from './health-check.js';
import type { Progress } from './progress.js';

export interface VerifyOptions {
  skipSmoke: boolean;
  smokeToken?: string;
  healthCheck?: HealthCheckOptions;
  /** Where the managed pool's throwaway smoke user is made (the deploy's region and profile). */
  aws?: { region?: string; profile?: string };
}

/**
 * What every engine checks after a deploy, against the stack's outputs: GET /api/health until healthy, then
 * the smoke suite — signed in as a throwaway user of the stack's own pool when it has one (the `UserPoolId`
 * and `SmokeClientId` outputs), deleted afterwards whatever happened. Returns the failure (undefined when all
 * passed), so the caller can move `live` back.
 */
export async function verifyDeployment(
  outputs: Record<string, unknown>,
  options: VerifyOptions,
  progress: Progress,
): Promise<string | undefined> {
  const apiUrl = String(outputs.ApiUrl);
  const wsUrl = String(outputs.WebSocketURL);
  const health = await waitForHealthy(
    apiUrl,
    options.healthCheck ?? DEFAULT_HEALTH_CHECK,
    (problem, attempt) => progress.note(`try ${attempt}: ${problem}; retrying`),
  );
  if (!health.healthy) return `health check failed: GET ${apiUrl}/api/health ${health.problem}`;
  if (options.skipSmoke) {
    progress.note('smoke suite skipped (--skip-smoke): only the health check vouches for this deploy');
    return undefined;
  }
  const signIn = options.smokeToken ? undefined : smokeUserOf(outputs, options.aws ?? {});
  const results = await runSmokeSuite({
    apiUrl,
    wsUrl,
    ...(options.smokeToken ? { token: options.smokeToken } : {}),
    ...(signIn ? { signIn } : {}),
    onResult: (result) => progress.note(formatSmokeResult(result)),
  });
  progress.note(summarizeSmoke(results));
  const failed = failedChecks(results);
  return failed.length > 0 ? `smoke suite failed: ${failed.join(', ')}` : undefined;
}

/** The stack's managed pool, when it has one, as the smoke suite's way to sign in. */
function smokeUserOf(
  outputs: Record<string, unknown>,
  aws: { region?: string; profile?: string },
): SmokeSignIn | undefined {
  const userPoolId = outputs.UserPoolId;
  const clientId = outputs.SmokeClientId;
  if (typeof userPoolId !== 'string' || typeof clientId !== 'string' || !userPoolId || !clientId)
    return undefined;
  // The pool's region is in its id (eu-west-1_AbC123), whatever region the CLI was pointed at.
  const region = userPoolId.split('_')[0] ?? aws.region;
  const client = new CognitoIdentityProviderClient({
    ...(region ? { region } : {}),
    ...(aws.profile ? { profile: aws.profile } : {}),
  });
  return cognitoSmokeUser({ client, userPoolId, clientId });
}
