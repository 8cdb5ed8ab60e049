import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { compose } from '../composition/compose.js';
import type { Config } from '../config/config.js';
import { createApp } from '../http/app.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from './embedded-dynamodb.js';

export interface LocalStack {
  apiUrl: string;
  /** What the stack runs on, for the banner. */
  storage: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts everything `make local` runs: the embedded DynamoDB (unless the config points elsewhere or asks
 * for memory), then the same Hono app the Lambda serves. Tests start it too, on free ports.
 */
export async function startLocalStack(config: Config): Promise<LocalStack> {
  const dataDir = resolve(config.dataDir);
  let embedded: EmbeddedDynamoDb | undefined;
  let repository = config.repository;
  if (repository.provider === 'dynamodb' && !repository.endpoint) {
    embedded = await startEmbeddedDynamoDb({
      path: join(dataDir, 'dynamodb'),
      port: config.local.dynamodbPort,
    });
    repository = { ...repository, endpoint: embedded.endpoint };
  }
  try {
    const deps = await compose({ ...config, repository, dataDir });
    const app = createApp(deps);
    const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
      const s = serve({ fetch: app.fetch, port: config.local.port, hostname: '127.0.0.1' }, () => ready(s));
      s.once('error', fail);
    });
    const { port } = server.address() as AddressInfo;
    return {
      apiUrl: `http://127.0.0.1:${port}`,
      storage:
        repository.provider === 'memory'
          ? 'memory (data is lost on exit)'
          : embedded
            ? `dynamodb via embedded dynalite (${embedded.endpoint}), persisted in ${join(dataDir, 'dynamodb')}`
            : `dynamodb at ${repository.endpoint}`,
      dataDir,
      close: async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}
