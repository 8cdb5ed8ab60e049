import { type ApiClient, createApiClient } from '../../web/src/api/typed-client.js';

export { type ApiClient, bearer } from '../../web/src/api/typed-client.js';

/**
 * The API's typed client (the web client's), for the deployment under test: each request is bounded in time,
 * so a hung deployment fails the check, not the run.
 */
export function smokeClient(apiUrl: string, timeoutMs = 10_000): ApiClient {
  return createApiClient({
    baseUrl: apiUrl,
    fetch: (request) => fetch(request, { signal: AbortSignal.timeout(timeoutMs) }),
  });
}

/** "answered 500 {...}" for failure messages, short enough to read in a terminal. */
export function describeAnswer(answer: { response: Response; data?: unknown; error?: unknown }): string {
  const body = answer.error ?? answer.data;
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return `answered ${answer.response.status} ${text.slice(0, 200)}`.trim();
}
