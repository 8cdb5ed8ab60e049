import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Records every command the client sends, once per call however often the SDK retries it. The document
 * client's commands report the names of the low-level commands they wrap (GetItemCommand, QueryCommand...).
 */
export function countCommands(client: DynamoDBDocumentClient): string[] {
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return sent;
}
