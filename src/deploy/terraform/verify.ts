import { failedChecks, formatSmokeResult, summarizeSmoke } from '../../smoke/smoke-report.js';
import { runSmokeSuite } from '../../smoke/smoke-suite.js';
import { DEFAULT_HEALTH_CHECK, waitForHealthy } from '../health-check.js';
import type { Progress } from '../progress.js';

export interface VerifyOptions {
  skipSmoke: boolean;
  smokeToken?: string;
}

/**
 * What the SAM path checks after a deploy, against the Terraform outputs: GET /api/health until healthy, then
 * the smoke suite. Returns the failure (undefined when all passed), so the caller can roll `live` back.
 */
export async function verifyDeployment(
  outputs: Record<string, unknown>,
  options: VerifyOptions,
  progress: Progress,
): Promise<string | undefined> {
  const apiUrl = String(outputs.ApiUrl);
  const wsUrl = String(outputs.WebSocketURL);
  const health = await waitForHealthy(apiUrl, DEFAULT_HEALTH_CHECK, (problem, attempt) =>
    progress.note(`try ${attempt}: ${problem}; retrying`),
  );
  if (!health.healthy) return `health check failed: GET ${apiUrl}/api/health ${health.problem}`;
  if (options.skipSmoke) {
    progress.note('smoke suite skipped (--skip-smoke): only the health check vouches for this deploy');
    return undefined;
  }
  const results = await runSmokeSuite({
    apiUrl,
    wsUrl,
    ...(options.smokeToken ? { token: options.smokeToken } : {}),
    onResult: (result) => progress.note(formatSmokeResult(result)),
  });
  progress.note(summarizeSmoke(results));
  const failed = failedChecks(results);
  return failed.length > 0 ? `smoke suite failed: ${failed.join(', ')}` : undefined;
}
