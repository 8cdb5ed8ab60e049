import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One command as the client sent it: the low-level command's name and its (document) input. */
export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

/**
 * Records every command the client sends, once per call however often the SDK retries it. The document
 * client's commands report the names of the low-level commands they wrap (GetItemCommand, QueryCommand...).
 */
export function recordCommands(client: DynamoDBDocumentClient): SentCommand[] {
  const sent: SentCommand[] = [];
  onEachCommand(client, (command) => sent.push(command));
  return sent;
}

/** The names of the commands the client sends, recorded as `recordCommands` does. */
export function countCommands(client: DynamoDBDocumentClient): string[] {
  const names: string[] = [];
  onEachCommand(client, (command) => names.push(command.name));
  return names;
}

let recorders = 0;

function onEachCommand(client: DynamoDBDocumentClient, record: (command: SentCommand) => void): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      record({ name: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    // A name per recorder, so a client can carry several (the stack refuses duplicate names).
    { step: 'initialize', name: `recordCommands${++recorders}` },
  );
}
