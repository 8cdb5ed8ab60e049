import type { AddressInfo } from 'node:net';
import { ensurePrivateDir } from '../adapters/local-disk/private-dir.js';
import { closeServer } from './close-server.js';
import { refuseBrowsers } from './dynamodb-browser-guard.js';
import type { StreamRecorder } from './stream/stream-recorder.js';

export interface EmbeddedDynamoDb {
  endpoint: string;
  /**
   * The tables' DynamoDB Streams: every committed write from any client, as stream records, kept 24 h
   * beside dynalite's files when persisted.
   */
  streams: StreamRecorder;
  close(): Promise<void>;
}

/**
 * A DynamoDB-compatible server in this process (dynalite): persisted to `path` for the local stack,
 * in memory for tests. Table operations complete at once instead of emulating AWS's delays, and
 * transactions and streams come from our add-ons, since dynalite has neither.
 */
export async function startEmbeddedDynamoDb(
  options: {
    path?: string;
    port?: number;
    /** The clock stream records are stamped and kept by (tests move it past the 24 h retention). */
    now?: () => number;
  } = {},
): Promise<EmbeddedDynamoDb> {
  if (options.path) await ensurePrivateDir(options.path);
  // Loaded only when started: dynalite's native LevelDB binding and private files have no place in a stack
  // on the memory provider (nor in the bench's bundled copy of that stack, which cannot carry them).
  const [{ default: dynalite }, { withTransactions }, { createStreamRecorder }] = await Promise.all([
    import('dynalite'),
    import('./dynalite-transactions.js'),
    import('./stream/stream-recorder.js'),
  ]);
  const streams = await createStreamRecorder({
    ...(options.path ? { path: options.path } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const server = refuseBrowsers(
    withTransactions(
      dynalite({
        ...(options.path ? { path: options.path } : {}),
        createTableMs: 0,
        deleteTableMs: 0,
        updateTableMs: 0,
      }),
      streams,
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    streams,
    close: async () => {
      // dynalite first: its last writes are journalled before they are answered.
      await closeServer(server);
      await streams.close();
    },
  };
}
