export interface JsonResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the suite reads whatever JSON the API answered and checks it.
  body: any;
  text: string;
}

/** One JSON request to the API under test, bounded in time so a hung deployment fails the check, not the run. */
export async function requestJson(
  apiUrl: string,
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

/** "answered 500 {...}" for failure messages, short enough to read in a terminal. */
export function describeAnswer(response: JsonResponse): string {
  return `answered ${response.status} ${response.text.slice(0, 200)}`.trim();
}
