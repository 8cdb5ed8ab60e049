import { createDynamoDbStorage } from '../../src/adapters/dynamodb/index.js';
import { buildRealtime } from '../../src/composition/build-realtime.js';
import { createDocuments } from '../../src/composition/create-documents.js';
import type { Config } from '../../src/config/config.js';
import { startEventSourceMapping } from '../../src/local/stream/event-source-mapping.js';
import { afterWriteDeps } from '../../src/stream/after-write.js';
import { createCommentStreamHandler } from '../../src/stream/comment-stream-handler.js';
import { recordCommands, type SentCommand } from '../../test/support/count-commands.js';
import type { Scenario, TableProbe } from '../measures/route-scenarios.js';
import type { BenchDynamoDb } from './bench-dynamodb.js';

/** How long a route's stream work may take before the bench gives up on it (the README says 2 s). */
const AFTERWARDS_TIMEOUT_MS = 20_000;

/** The comment-stream function fed by the table's stream, as the local stack runs it, on its own client. */
export async function streamFunction(
  db: BenchDynamoDb,
  config: Config,
  deps: Pick<Parameters<typeof afterWriteDeps>[0], 'logger' | 'images'>,
) {
  const open = createDocuments({ endpoint: db.endpoint, region: 'us-east-1' });
  const { documents, sent } = recordCommands(open.documents);
  const storage = createDynamoDbStorage({
    documents,
    tableName: db.tableName,
    connectionsTableName: db.connectionsTableName,
  });
  const mapping = await startEventSourceMapping({
    streams: db.streams,
    tableName: db.tableName,
    handler: createCommentStreamHandler(
      afterWriteDeps({ ...deps, storage, realtime: buildRealtime(config, storage) }),
    ),
    logger: deps.logger,
  });
  const table: TableProbe = {
    itemsIn: async (pk) => {
      const { Count } = await db.documents.query({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        Select: 'COUNT',
      });
      return Count ?? 0;
    },
  };
  return {
    sent,
    table,
    close: async () => {
      await mapping.close();
      open.destroy();
    },
  };
}

/** Whether a command reads or writes the table (`TableName`, or a key of a batch's `RequestItems`). */
const touches = ({ input }: SentCommand, tableName: string) =>
  input.TableName === tableName || Object.hasOwn((input.RequestItems as object | undefined) ?? {}, tableName);

/** Polls until the scenario's stream work is done, then names the stream function's commands. */
export async function awaitAfterwards(
  scenario: Scenario,
  prepared: Record<string, string>,
  table: TableProbe,
  sent: SentCommand[],
  tableName: string,
): Promise<{ what: string; commands: string[] }> {
  const { what, done } = scenario.afterwards as NonNullable<Scenario['afterwards']>;
  const deadline = Date.now() + AFTERWARDS_TIMEOUT_MS;
  while (!(await done(table, prepared))) {
    if (Date.now() > deadline)
      throw new Error(`${scenario.route}: not ${what} within ${AFTERWARDS_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  // Only the content table's: the pushes the sweep's removals cause read the connections table, and may
  // still be going on.
  const onTable = sent.filter((command) => touches(command, tableName));
  return { what, commands: onTable.map((command) => command.name) };
}
