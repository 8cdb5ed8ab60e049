import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered.
  body: any;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestStack extends LocalStack {
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** A token from the stack's local issuer. */
  token(userId: string, name?: string): Promise<string>;
}

/** The real local stack on free ports over loopback, with its data in a temporary directory. */
export async function startTestStack(
  provider: 'memory' | 'dynamodb',
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TestStack> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'blogapp-test-')));
  const config = loadConfig({
    APP_REPOSITORY_PROVIDER: provider,
    PORT: '0',
    WS_PORT: '0',
    APP_DATA_DIR: dir,
    LOG_LEVEL: 'ERROR',
    ...env,
  });
  const stack = await startLocalStack(config);
  const request = (method: string, path: string, options: RequestOptions = {}) =>
    apiRequest(stack.apiUrl, method, path, options);
  return {
    ...stack,
    request,
    token: async (userId, name) => {
      const response = await request('POST', '/api/dev/token', {
        body: name ? { userId, name } : { userId },
      });
      if (response.status !== 200) throw new Error(`dev token failed: ${response.status}`);
      return response.body.token as string;
    },
    close: async () => {
      await stack.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function apiRequest(base: string, method: string, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (the docs page): keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed } as ApiResponse;
}
