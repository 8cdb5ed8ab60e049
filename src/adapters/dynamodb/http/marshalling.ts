import { marshall, type NativeAttributeValue, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DocumentOperation } from '../documents.js';

/**
 * Where each operation carries items or values, as lib-dynamodb's commands list them (their inputKeyNodes and
 * outputKeyNodes, @aws-sdk/lib-dynamodb 3.1162): `VALUE` is one value, `EACH` every value of a map or list,
 * `{ '*': node }` every entry of a map or list, and any other key that member. The walk below is
 * lib-dynamodb's too, so items convert exactly as the document client converts them. Errors are left as
 * DynamoDB sends them, as the document client leaves them (repositories unmarshall a cancellation's items).
 */
type KeyNode = typeof VALUE | typeof EACH | { readonly [member: string]: KeyNode };

const VALUE = null;
const EACH = 'each' as const;

const EXPECTED = { '*': { Value: VALUE, AttributeValueList: EACH } };
const WRITE_REQUESTS = { '*': { '*': { PutRequest: { Item: EACH }, DeleteRequest: { Key: EACH } } } };
const COLLECTION_METRICS = { '*': { '*': { ItemCollectionKey: EACH } } };

const INPUTS: Readonly<Record<DocumentOperation, KeyNode>> = {
  get: { Key: EACH },
  put: { Item: EACH, Expected: EXPECTED, ExpressionAttributeValues: EACH },
  update: {
    Key: EACH,
    AttributeUpdates: { '*': { Value: VALUE } },
    Expected: EXPECTED,
    ExpressionAttributeValues: EACH,
  },
  delete: { Key: EACH, Expected: EXPECTED, ExpressionAttributeValues: EACH },
  query: {
    KeyConditions: { '*': { AttributeValueList: EACH } },
    QueryFilter: { '*': { AttributeValueList: EACH } },
    ExclusiveStartKey: EACH,
    ExpressionAttributeValues: EACH,
  },
  batchGet: { RequestItems: { '*': { Keys: { '*': EACH } } } },
  batchWrite: { RequestItems: WRITE_REQUESTS },
  transactWrite: {
    TransactItems: {
      '*': {
        ConditionCheck: { Key: EACH, ExpressionAttributeValues: EACH },
        Put: { Item: EACH, ExpressionAttributeValues: EACH },
        Delete: { Key: EACH, ExpressionAttributeValues: EACH },
        Update: { Key: EACH, ExpressionAttributeValues: EACH },
      },
    },
  },
  transactGet: { TransactItems: { '*': { Get: { Key: EACH } } } },
};

const WRITTEN = { Attributes: EACH, ItemCollectionMetrics: { ItemCollectionKey: EACH } };

const OUTPUTS: Readonly<Record<DocumentOperation, KeyNode>> = {
  get: { Item: EACH },
  put: WRITTEN,
  update: WRITTEN,
  delete: WRITTEN,
  query: { Items: { '*': EACH }, LastEvaluatedKey: EACH },
  batchGet: { Responses: { '*': { '*': EACH } }, UnprocessedKeys: { '*': { Keys: { '*': EACH } } } },
  batchWrite: { UnprocessedItems: WRITE_REQUESTS, ItemCollectionMetrics: COLLECTION_METRICS },
  transactWrite: { ItemCollectionMetrics: COLLECTION_METRICS },
  transactGet: { Responses: { '*': { Item: EACH } } },
};

/** The document client's own marshalling options (createDynamoDbClient's, with lib-dynamodb's defaults). */
const MARSHALL = { removeUndefinedValues: true, convertTopLevelContainer: true } as const;
const UNMARSHALL = { convertWithoutMapWrapper: true } as const;

type Convert = (value: unknown) => unknown;

const toWire: Convert = (value) => marshall(value as NativeAttributeValue, MARSHALL);
const fromWire: Convert = (value) => unmarshall(value as Parameters<typeof unmarshall>[0], UNMARSHALL);

/** The request's body: `input` with its items and values in attribute-value form (from a copy; input stays). */
export const requestBody = (operation: DocumentOperation, input: object): string =>
  JSON.stringify(members(input, toWire, INPUTS[operation] as Record<string, KeyNode>), binaryAsBase64);

/**
 * An answer's body as DynamoDB sent it (attribute values), its binary values as bytes. A reviver costs a call
 * per key (~12 µs of a small GetItem or Query in the profile), so only a body that may hold one gets it.
 */
export const parseAnswer = (body: string): Record<string, unknown> =>
  body ? (JSON.parse(body, body.includes('"B') ? base64AsBinary : undefined) as Record<string, unknown>) : {};

/** A parsed answer with its items and values as plain objects. */
export const answerOutput = (operation: DocumentOperation, answer: object): Record<string, unknown> =>
  members(answer, fromWire, OUTPUTS[operation] as Record<string, KeyNode>) as Record<string, unknown>;

/**
 * Binary values (B, and BS's members) travel as base64, as the SDK sends them. The holder's own value is read,
 * because a Buffer's toJSON has already turned it into `{ type, data }` by the time a replacer sees it.
 */
function binaryAsBase64(this: unknown, name: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[name];
  return raw instanceof Uint8Array
    ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64')
    : value;
}

/** Only a binary value is a string under a `B` key, or a list of strings under `BS` (attributes are objects). */
function base64AsBinary(name: string, value: unknown): unknown {
  if (name === 'B' && typeof value === 'string') return fromBase64(value);
  if (name === 'BS' && Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
    return value.map(fromBase64);
  }
  return value;
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

function convert(value: unknown, change: Convert, node: KeyNode): unknown {
  if (value === undefined) return undefined;
  if (node === VALUE) return change(value);
  if (node === EACH) return everyEntry(value as object, (child) => convert(child, change, VALUE));
  const names = Object.keys(node);
  if (names.length === 1 && names[0] === '*') {
    const child = node['*'] as KeyNode;
    return everyEntry(value as object, (entry) => convert(entry, change, child), true);
  }
  return members(value as object, change, node);
}

/** A copy of `value` with the members `node` names converted and the rest as they are. */
function members(value: object, change: Convert, node: Readonly<Record<string, KeyNode>>): unknown {
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? value.filter((entry) => typeof entry !== 'function')
    : {};
  if (!Array.isArray(value)) {
    for (const name in source)
      if (typeof source[name] !== 'function') copy[name as never] = source[name] as never;
  }
  for (const name in node) {
    if (typeof source[name] === 'function') continue;
    const converted = convert(source[name], change, node[name] as KeyNode);
    if (converted !== undefined) copy[name as never] = converted as never;
  }
  return copy;
}

/**
 * Every entry of a map or list converted; an entry that converts to nothing is left out, as lib-dynamodb leaves
 * out an undefined value (`keepUndefined` keeps it for the `*` walk, which lib-dynamodb does not filter).
 */
function everyEntry(value: object, change: Convert, keepUndefined = false): unknown {
  if (Array.isArray(value)) return value.filter((entry) => typeof entry !== 'function').map(change);
  const copy: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry === 'function') continue;
    const converted = change(entry);
    if (converted !== undefined || keepUndefined) copy[name] = converted;
  }
  return copy;
}
