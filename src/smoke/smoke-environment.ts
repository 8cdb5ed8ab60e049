/**
 * The smoke suite's own variables, as seed 001's smoke tests read them: API_URL, WS_URL, SMOKE_TOKEN; and
 * SMOKE_USER_POOL_ID with SMOKE_CLIENT_ID for a throwaway user of a managed pool.
 * Tool settings for the CLIs, not the app's configuration; the entries hand in the environment.
 */
export interface SmokeEnvironment {
  apiUrl?: string;
  wsUrl?: string;
  token?: string;
  /** A managed pool's id and smoke client (the stack's UserPoolId and SmokeClientId outputs). */
  userPoolId?: string;
  smokeClientId?: string;
}

export function smokeEnvironment(env: Record<string, string | undefined>): SmokeEnvironment {
  return {
    ...(env.API_URL ? { apiUrl: env.API_URL } : {}),
    ...(env.WS_URL ? { wsUrl: env.WS_URL } : {}),
    ...(env.SMOKE_TOKEN ? { token: env.SMOKE_TOKEN } : {}),
    ...(env.SMOKE_USER_POOL_ID ? { userPoolId: env.SMOKE_USER_POOL_ID } : {}),
    ...(env.SMOKE_CLIENT_ID ? { smokeClientId: env.SMOKE_CLIENT_ID } : {}),
  };
}
