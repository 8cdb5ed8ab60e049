import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { type ApiResponse, apiRequest, devToken, type RequestOptions } from './api-request.js';

export type { ApiResponse, RequestOptions } from './api-request.js';

/** The HTTP app of the local environment, answered in this process. */
export interface TestApp {
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** A token from the app's local issuer. */
  token(userId: string, name?: string): Promise<string>;
  /** Where the app keeps its data: the local issuer's key among it (see localIssuerToken). */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The same composition and Hono app as `make local`, driven with `app.fetch` — no sockets, no WebSocket
 * gateway — for route tests where a socket adds nothing. `dynamodb` runs on an in-memory embedded dynalite
 * unless `env` points elsewhere. Suites that need the wire (uploads, WebSocket, CLIs) use startTestStack.
 */
export async function startTestApp(
  provider: 'memory' | 'dynamodb',
  env: Record<string, string> = {},
): Promise<TestApp> {
  const dir = await mkdtemp(join(tmpdir(), 'blogapp-app-'));
  let embedded: EmbeddedDynamoDb | undefined;
  if (provider === 'dynamodb' && !env.APP_DYNAMODB_ENDPOINT) embedded = await startEmbeddedDynamoDb();
  const config = loadConfig({
    APP_REPOSITORY_PROVIDER: provider,
    APP_DATA_DIR: dir,
    LOG_LEVEL: 'ERROR',
    ...(embedded ? { APP_DYNAMODB_ENDPOINT: embedded.endpoint } : {}),
    ...env,
  });
  const app = createApp(await composeApi(config));
  const request = (method: string, path: string, options?: RequestOptions) =>
    apiRequest('http://127.0.0.1', method, path, options, (r) => app.fetch(r));
  return {
    request,
    token: (userId, name) => devToken(request, userId, name),
    dataDir: dir,
    close: async () => {
      await embedded?.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
