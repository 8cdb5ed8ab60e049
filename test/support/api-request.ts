export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered.
  body: any;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body` (bytes for a body that is not UTF-8). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** Anything that answers a web Request: `fetch` over loopback, or the Hono app in this process. */
export type Fetcher = (request: Request) => Response | Promise<Response>;

/** One API call as tests write it (token, JSON body), answered by `fetcher`; JSON answers are parsed. */
export async function apiRequest(
  base: string,
  method: string,
  path: string,
  options: RequestOptions = {},
  fetcher: Fetcher = fetch,
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetcher(
    new Request(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }),
  );
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (the docs page): keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A token from the local issuer, through the API's own dev-token route. */
export async function devToken(
  request: (method: string, path: string, options?: RequestOptions) => Promise<ApiResponse>,
  userId: string,
  name?: string,
): Promise<string> {
  const response = await request('POST', '/api/dev/token', { body: name ? { userId, name } : { userId } });
  if (response.status !== 200) throw new Error(`dev token failed: ${response.status}`);
  return response.body.token as string;
}
