import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TTL_ATTRIBUTE, tableDefinition } from './table-design.js';
import { sleep } from './transactions.js';

const POLL_MS = 100;

export interface EnsureTableOptions {
  timeoutMs?: number;
  /** The table's design, given its name: the main table unless told (`connectionsTableDefinition`...). */
  definition?: (tableName: string) => CreateTableCommandInput;
}

/**
 * Creates the table when it is missing and waits until it and its indexes are ACTIVE. For the local stack
 * and tests; in AWS the SAM template owns the tables, so this module and its low-level client are loaded
 * only where tables are ensured.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> {
  const definition = (options.definition ?? tableDefinition)(tableName);
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    // Already there, or being created by a racing process: either way, wait for it below.
    if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let existing: TableDescription | undefined;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    existing = Table;
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} is not ACTIVE after waiting.`);
    await sleep(POLL_MS);
  }
  await enableStream(client, definition, existing);
  await enableTtl(client, tableName);
}

/**
 * A table made before its design had a stream (older local data) gets it. A DynamoDB without streams (a
 * standalone dynalite) refuses the update as one changing nothing: the table is still usable, and whoever
 * reads the stream finds it has none and says so.
 */
async function enableStream(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
  table: TableDescription | undefined,
): Promise<void> {
  const wanted = definition.StreamSpecification;
  if (!wanted?.StreamEnabled || table?.StreamSpecification?.StreamEnabled) return;
  try {
    await client.send(
      new UpdateTableCommand({ TableName: definition.TableName, StreamSpecification: wanted }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ValidationException') throw error;
  }
}

/**
 * Every table of this provider expires items by TTL_ATTRIBUTE. Expired items are also ignored by the code,
 * so an emulator without TTL (dynalite) only keeps more rows.
 */
async function enableTtl(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: tableName }),
    );
    if (TimeToLiveDescription?.TimeToLiveStatus !== 'DISABLED') return;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'UnknownOperationException') throw error;
  }
}
