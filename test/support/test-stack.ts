import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '../../src/composition/local-stack.js';
import { loadConfig } from '../../src/config/config.js';
import { type ApiResponse, apiRequest, devToken, type RequestOptions } from './api-request.js';

export type { ApiResponse, RequestOptions } from './api-request.js';

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
  stackOptions: Parameters<typeof startLocalStack>[1] = {},
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
  const stack = await startLocalStack(config, stackOptions);
  const request = (method: string, path: string, options: RequestOptions = {}) =>
    apiRequest(stack.apiUrl, method, path, options);
  return {
    ...stack,
    request,
    token: (userId, name) => devToken(request, userId, name),
    close: async () => {
      await stack.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
