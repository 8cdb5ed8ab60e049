import { join } from 'node:path';
import { createStreamsApi } from '../adapters/dynamodb/streams-api.js';
import type { Config } from '../config/config.js';
import { type ExternalStream, openExternalStream } from '../local/stream/external-stream.js';
import type { LocalStreamOptions } from '../local/stream/stream-options.js';
import type { Log } from '../observability/log.js';

type DynamoDbRepository = Extract<Config['repository'], { provider: 'dynamodb' }>;

/** The stream of the table at APP_DYNAMODB_ENDPOINT, or why there is none, as the banner says it. */
export type EndpointStream = { stream: ExternalStream } | { warning: string };

/**
 * The main table's stream on the DynamoDB the config points at (DynamoDB Local, LocalStack, moto...), read
 * through its DynamoDB Streams API for `consumer`, whose positions are kept in the data dir per table and
 * consumer as the embedded store's checkpoints are. Without a stream there, the stack still runs, and the
 * warning says what will not happen and what to do about it.
 */
export async function openEndpointStream(
  repository: DynamoDbRepository & { endpoint: string },
  dataDir: string,
  consumer: string,
  logger: Pick<Log, 'error'>,
  options?: Partial<LocalStreamOptions>,
): Promise<EndpointStream> {
  const api = createStreamsApi(repository);
  try {
    const opened = await openExternalStream({
      api,
      tableName: repository.tableName,
      positionsFile: join(dataDir, `stream-positions.${repository.tableName}.${consumer}.json`),
      logger,
      options,
    });
    if ('subscribe' in opened) return { stream: opened };
    api.close();
    return {
      warning:
        `APP_DYNAMODB_ENDPOINT=${repository.endpoint} has no stream to read: ${opened.reason}. Comment pushes ` +
        'over WebSocket, the sweep of a deleted post’s comments and favorites, and renames reaching posts ' +
        'will NOT happen. Unset APP_DYNAMODB_ENDPOINT to use the embedded DynamoDB, or point it at ' +
        'DynamoDB Local, LocalStack or moto_server, which serve the DynamoDB Streams API.',
    };
  } catch (error) {
    api.close();
    throw error;
  }
}
