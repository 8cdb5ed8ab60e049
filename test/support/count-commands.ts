import type { DocumentOperation, DynamoDbDocuments } from '../../src/adapters/dynamodb/documents.js';
import { watchedDocuments } from '../../src/adapters/dynamodb/watched-documents.js';

/** One command as the app sent it: the low-level command's name and its (document) input. */
export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
  /** What the call answered, once it has: a rule may check that one call asks for exactly what another named. */
  output?: unknown;
}

/** The SDK's name for the low-level command each call of the port is: what the tests and the bench report. */
const COMMAND_NAMES: Record<DocumentOperation, string> = {
  get: 'GetItemCommand',
  put: 'PutItemCommand',
  update: 'UpdateItemCommand',
  delete: 'DeleteItemCommand',
  query: 'QueryCommand',
  batchGet: 'BatchGetItemCommand',
  batchWrite: 'BatchWriteItemCommand',
  transactWrite: 'TransactWriteItemsCommand',
  transactGet: 'TransactGetItemsCommand',
};

/**
 * `documents`, recording each call made through them once, however often the client under them retries it,
 * while a recording is on: `record()` starts a new one and returns the list it fills. Until then nothing is
 * kept, so a long benchmark through them holds no growing list.
 */
export function commandRecorder(documents: DynamoDbDocuments): {
  documents: DynamoDbDocuments;
  record(): SentCommand[];
} {
  let sent: SentCommand[] | undefined;
  const watched = watchedDocuments(documents, async (operation, input, call) => {
    const command: SentCommand = { name: COMMAND_NAMES[operation], input };
    sent?.push(command);
    const output = await call();
    command.output = output;
    return output;
  });
  return { documents: watched, record: () => (sent = []) };
}

/** `documents`, with every call made through them recorded into `sent` (see commandRecorder). */
export function recordCommands(documents: DynamoDbDocuments): {
  documents: DynamoDbDocuments;
  sent: SentCommand[];
} {
  const recorder = commandRecorder(documents);
  return { documents: recorder.documents, sent: recorder.record() };
}

/** `documents`, with the names of the commands made through them recorded as `recordCommands` does. */
export function countCommands(documents: DynamoDbDocuments): {
  documents: DynamoDbDocuments;
  names: string[];
} {
  const names: string[] = [];
  const watched = watchedDocuments(documents, (operation, _input, call) => {
    names.push(COMMAND_NAMES[operation]);
    return call();
  });
  return { documents: watched, names };
}
