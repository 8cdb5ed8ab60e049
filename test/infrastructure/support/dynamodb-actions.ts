import type { SentCommand } from '../../support/count-commands.js';

/** One IAM action on one table, or on one of its indexes, that a DynamoDB call needs. */
export interface TableAction {
  action: string;
  table: string;
  index?: string;
}

type Input = Record<string, unknown>;

const asInput = (value: unknown): Input =>
  typeof value === 'object' && value !== null ? (value as Input) : {};

/** What IAM checks each item of a transaction against: the action of its own kind, not the transaction's. */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

const SINGLE_ITEM_ACTIONS: Record<string, string> = {
  GetItemCommand: 'dynamodb:GetItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
};

const BATCH_ACTIONS: Record<string, string> = {
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  BatchWriteItemCommand: 'dynamodb:BatchWriteItem',
};

/**
 * The (action, table or index) pairs IAM authorises a recorded call by: a Query with IndexName on the
 * index's ARN, a batch on each table it names, a transaction per item by the item's own action.
 */
export function dynamoDbActions(command: SentCommand): TableAction[] {
  const { name, input } = command;
  const single = SINGLE_ITEM_ACTIONS[name];
  if (single) return [{ action: single, table: String(input.TableName) }];
  if (name === 'QueryCommand') {
    const index = input.IndexName === undefined ? {} : { index: String(input.IndexName) };
    return [{ action: 'dynamodb:Query', table: String(input.TableName), ...index }];
  }
  const batch = BATCH_ACTIONS[name];
  if (batch) return Object.keys(asInput(input.RequestItems)).map((table) => ({ action: batch, table }));
  if (name === 'TransactWriteItemsCommand' || name === 'TransactGetItemsCommand') {
    const items = Array.isArray(input.TransactItems) ? input.TransactItems : [];
    return items.flatMap((item) =>
      Object.entries(asInput(item)).map(([kind, operation]) => {
        const action = TRANSACT_ITEM_ACTIONS[kind];
        if (!action) throw new Error(`${name}: no IAM action known for a transaction item of kind ${kind}`);
        return { action, table: String(asInput(operation).TableName) };
      }),
    );
  }
  throw new Error(`no IAM actions known for ${name}: add them here`);
}
