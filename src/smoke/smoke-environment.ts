/**
 * The smoke suite's own variables, as seed 001's smoke tests read them: API_URL, WS_URL, SMOKE_TOKEN.
 * Tool settings for the CLIs, not the app's configuration; the entries hand in the environment.
 */
export interface SmokeEnvironment {
  apiUrl?: string;
  wsUrl?: string;
  token?: string;
}

export function smokeEnvironment(env: Record<string, string | undefined>): SmokeEnvironment {
  return {
    ...(env.API_URL ? { apiUrl: env.API_URL } : {}),
    ...(env.WS_URL ? { wsUrl: env.WS_URL } : {}),
    ...(env.SMOKE_TOKEN ? { token: env.SMOKE_TOKEN } : {}),
  };
}
