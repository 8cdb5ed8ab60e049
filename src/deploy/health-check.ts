export interface HealthCheckOptions {
  attempts: number;
  delayMs: number;
}

/** A deploy's first requests can meet cold starts and a stage still propagating: try a few times. */
export const DEFAULT_HEALTH_CHECK: HealthCheckOptions = { attempts: 6, delayMs: 5_000 };

/** The seeds' post-deploy health check: `GET {ApiUrl}/api/health` until it answers 200 `status: healthy`. */
export async function waitForHealthy(
  apiUrl: string,
  { attempts, delayMs }: HealthCheckOptions,
  onRetry: (problem: string, attempt: number) => void,
): Promise<
  { healthy: true; body: { environment?: string; version?: string } } | { healthy: false; problem: string }
> {
  let problem = 'not tried';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(`${apiUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
      const text = await response.text();
      const body = parseJson(text) as { status?: string; environment?: string; version?: string } | undefined;
      if (response.status === 200 && body?.status === 'healthy') return { healthy: true, body };
      problem = `answered ${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      problem = `no answer (${(error as Error).message})`;
    }
    if (attempt < attempts) {
      onRetry(problem, attempt);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return { healthy: false, problem };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
