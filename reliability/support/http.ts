/** One HTTP call with a hard time bound, so a hanging request is a finding rather than a stuck suite. */
export interface Answer {
  /** 0 when no answer came: a network error or the time bound. */
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: suites read whatever JSON the API answered.
  body: any;
  text: string;
  ms: number;
  /** Why no answer came (status 0). */
  failure?: 'timeout' | 'network';
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Default 15 s: above the SDK's worst case (3 × 3 s for DynamoDB, 2 × 6 s locally), below API Gateway's 29 s. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const started = performance.now();
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text, the contract checks will say so
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parsed,
      text,
      ms: performance.now() - started,
    };
  } catch (error) {
    const timeout = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    return {
      status: 0,
      headers: new Headers(),
      body: null,
      text: String(error),
      ms: performance.now() - started,
      failure: timeout ? 'timeout' : 'network',
    };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `everyMs` until it returns true; resolves with the time taken, or undefined at `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await sleep(everyMs);
  }
  return undefined;
}
