import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';

/**
 * dynalite, the embedded DynamoDB of the local stack and the tests, has no TransactWriteItems or
 * TransactGetItems and ignores ReturnValuesOnConditionCheckFailure (architect/dynalite#151). This puts them
 * in front of its own request handler, using dynalite's validators and condition evaluator. Every write runs
 * one at a time, so a transaction's checks and writes are atomic and isolated from all other writes, as in
 * DynamoDB. Good for one process on a laptop; the real service is never behind this.
 */

// biome-ignore lint/suspicious/noExplicitAny: DynamoDB's wire JSON, checked by dynalite's own validators.
export type Wire = any;
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
export interface Reply {
  status: number;
  body: Wire;
}
/** One request (wire JSON or its text) through dynalite's handler, in process. */
export type Call = (operation: string, payload: unknown) => Promise<Reply>;
/** A table's key attribute names (empty while the table does not exist). */
export type KeysOf = (table: string) => Promise<string[]>;

/**
 * Sees every write where it is serialised (the stream recorder): `writes` wraps the call each write and
 * each transaction's write goes through, and `tableOperation` may answer table operations itself.
 */
export interface WriteInterceptor {
  writes(call: Call, keysOf: KeysOf): Call;
  tableOperation(call: Call, operation: string, raw: string): Promise<Reply> | undefined;
}

/**
 * dynalite's private modules this file uses, and what it uses of each. They are no public API, so the
 * version is pinned exactly in package.json, and `requirePrivate` refuses to start (as the test in
 * test/local/dynalite-internals.test.ts fails) if an upgrade moved any of them.
 */
export const DYNALITE_INTERNALS: Record<string, { functions: string[]; objects: string[] }> = {
  'dynalite/validations/index.js': { functions: ['checkTypes', 'checkValidations'], objects: [] },
  'dynalite/db/index.js': { functions: ['checkConditional'], objects: [] },
  'dynalite/validations/putItem.js': { functions: ['custom'], objects: ['types'] },
  'dynalite/validations/updateItem.js': { functions: ['custom'], objects: ['types'] },
  'dynalite/validations/deleteItem.js': { functions: ['custom'], objects: ['types'] },
};

const require = createRequire(import.meta.url);

/** Requires one of DYNALITE_INTERNALS, checking it still exports what is used. */
export function requirePrivate(path: string): Wire {
  const expected = DYNALITE_INTERNALS[path];
  if (!expected) throw new Error(`${path} is not listed in DYNALITE_INTERNALS`);
  const loaded = require(path);
  const missing = [
    ...expected.functions.filter((name) => typeof loaded?.[name] !== 'function'),
    ...expected.objects.filter((name) => typeof loaded?.[name] !== 'object' || loaded[name] === null),
  ];
  if (missing.length > 0) {
    throw new Error(
      `dynalite's ${path} no longer exports ${missing.join(', ')}: src/local/dynalite-transactions.ts relies on dynalite's internals; pin dynalite back to the version in package.json, or adapt that file to the new version.`,
    );
  }
  return loaded;
}

const validations = requirePrivate('dynalite/validations/index.js');
const db = requirePrivate('dynalite/db/index.js');
const rules: Record<string, { types: Wire; custom?: Wire }> = {
  Put: requirePrivate('dynalite/validations/putItem.js'),
  Update: requirePrivate('dynalite/validations/updateItem.js'),
  Delete: requirePrivate('dynalite/validations/deleteItem.js'),
  ConditionCheck: requirePrivate('dynalite/validations/deleteItem.js'),
};
const ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem' };
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const TABLE_OPERATIONS = new Set(['CreateTable', 'UpdateTable', 'DeleteTable', 'DescribeTable']);
const MAX_ITEM_BYTES = 400 * 1024;
const PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/** Adds transactions to a dynalite server, before it listens; `interceptor` sees every write. */
export function withTransactions(server: Server, interceptor?: WriteInterceptor): Server {
  const [dynalite] = server.listeners('request') as Handler[];
  if (!dynalite) throw new Error('withTransactions expects a dynalite server');
  server.removeAllListeners('request');
  const serially = serialQueue();
  const keyNames = new Map<string, string[]>();
  // dynalite closes its LevelDB once its HTTP server has closed and the database's pending operations are
  // done. A write of this queue runs as several of those operations (a transaction's items, the stream's
  // reads and journal around each write), and one whose caller has gone (its connection cut) keeps running:
  // closed between two of them, it would be left half-applied ("Database is closed", a transaction's item
  // written without the others). So a closing server takes no new writes and closes its database only once
  // the writes already queued are done.
  let closing = false;
  const closeDynalite = server.close;
  server.close = function close(this: Server, callback?: (error?: Error) => void) {
    closing = true;
    void serially.idle().then(() => closeDynalite.call(server, callback));
    return this;
  } as Server['close'];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const tableOperation = interceptor && TABLE_OPERATIONS.has(operation);
    if (!WRITES.has(operation) && !operation.startsWith('Transact') && !tableOperation) {
      return dynalite(req, res);
    }
    readBody(req)
      .then((raw) =>
        // What DynamoDB answers when it cannot take a request for now: the SDK and the thin client retry it.
        closing
          ? respond(res, {
              status: 503,
              body: {
                __type: `${PREFIX}ServiceUnavailableException`,
                message: 'The server is shutting down.',
              },
            })
          : serially.run(async () => {
              const call = caller(dynalite, req.headers);
              const answered = tableOperation ? interceptor.tableOperation(call, operation, raw) : undefined;
              if (answered) return respond(res, await answered);
              const keysOf = async (table: string) => {
                const names = keyNames.get(table) ?? (await keySchemaOf(call, table));
                // A missing table has no key yet; remember only what can no longer change.
                if (names.length > 0) keyNames.set(table, names);
                return names;
              };
              const write = interceptor ? interceptor.writes(call, keysOf) : call;
              return respond(res, await handle(call, write, keysOf, operation, raw));
            }),
      )
      .catch((error: unknown) =>
        respond(res, {
          status: 500,
          body: { __type: `${PREFIX}InternalServerError`, message: String(error) },
        }),
      );
  });
  return server;
}

async function handle(
  call: Call,
  write: Call,
  keysOf: KeysOf,
  operation: string,
  raw: string,
): Promise<Reply> {
  let request: Wire;
  try {
    request = JSON.parse(raw);
  } catch {
    return call(operation, raw);
  }
  if (operation === 'TransactWriteItems') {
    return transactWrite(call, write, keysOf, request.TransactItems ?? []);
  }
  if (operation === 'TransactGetItems') return transactGet(call, request.TransactItems ?? []);
  const reply = await write(operation, raw);
  const failed = reply.status === 400 && reply.body.__type === `${PREFIX}ConditionalCheckFailedException`;
  if (failed && request.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') {
    const key = request.Key ?? pick(request.Item, await keysOf(request.TableName));
    const old = await call('GetItem', { TableName: request.TableName, Key: key, ConsistentRead: true });
    if (old.body.Item) reply.body.Item = old.body.Item;
  }
  return reply;
}

async function transactWrite(call: Call, write: Call, keysOf: KeysOf, items: Wire[]): Promise<Reply> {
  const ops: { kind: string; params: Wire; key: Wire; checked: Wire }[] = [];
  const seen = new Set<string>();
  try {
    for (const item of items) {
      const kind = Object.keys(item)[0] ?? '';
      const params = item[kind];
      const rule = rules[kind];
      if (!rule) return invalid(`Unknown transaction operation ${kind}`);
      const key = params.Key ?? pick(params.Item, await keysOf(params.TableName));
      const id = JSON.stringify([params.TableName, key]);
      if (seen.has(id)) return invalid('Transaction request cannot include multiple operations on one item');
      seen.add(id);
      // Validating every operation before writing any keeps a malformed one from leaving a half-applied transaction.
      const checked = validations.checkTypes(structuredClone(params), rule.types);
      validations.checkValidations(checked, rule.types, rule.custom, {
        options: { maxItemSize: MAX_ITEM_BYTES },
      });
      ops.push({ kind, params, key, checked });
    }
  } catch (error) {
    const { statusCode, body } = error as { statusCode?: number; body?: Wire };
    if (statusCode) return { status: statusCode, body };
    throw error;
  }
  const reasons: Wire[] = [];
  for (const op of ops) {
    const got = await call('GetItem', { TableName: op.params.TableName, Key: op.key, ConsistentRead: true });
    if (got.status !== 200) return got;
    const holds = db.checkConditional(op.checked, got.body.Item) == null;
    const withOld = op.params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && got.body.Item;
    reasons.push(
      holds
        ? { Code: 'None' }
        : {
            Code: 'ConditionalCheckFailed',
            Message: 'The conditional request failed',
            ...(withOld ? { Item: got.body.Item } : {}),
          },
    );
  }
  if (reasons.some((reason) => reason.Code !== 'None')) {
    const codes = reasons.map((reason) => reason.Code).join(', ');
    return {
      status: 400,
      body: {
        __type: `${PREFIX}TransactionCanceledException`,
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
        CancellationReasons: reasons,
      },
    };
  }
  for (const op of ops) {
    const action = ACTIONS[op.kind];
    if (!action) continue;
    const done = await write(action, op.params);
    if (done.status !== 200) return done;
  }
  return { status: 200, body: {} };
}

async function transactGet(call: Call, items: Wire[]): Promise<Reply> {
  const responses: Wire[] = [];
  for (const { Get: get } of items) {
    const got = await call('GetItem', { ...get, ConsistentRead: true });
    if (got.status !== 200) return got;
    responses.push(got.body.Item ? { Item: got.body.Item } : {});
  }
  return { status: 200, body: { Responses: responses } };
}

async function keySchemaOf(call: Call, table: string): Promise<string[]> {
  const described = await call('DescribeTable', { TableName: table });
  const schema: { AttributeName: string }[] = described.body.Table?.KeySchema ?? [];
  return schema.map((key) => key.AttributeName);
}

/** Runs one request through dynalite's own handler, in process, with the caller's signed headers. */
function caller(dynalite: Handler, headers: IncomingHttpHeaders): Call {
  return (operation, payload) =>
    new Promise((resolve) => {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const req = Object.assign(Readable.from([Buffer.from(body)]), {
        headers: { ...headers, 'x-amz-target': `DynamoDB_20120810.${operation}` },
        method: 'POST',
        url: '/',
      });
      const res = {
        statusCode: 200,
        setHeader: () => {},
        end(text?: string) {
          resolve({ status: this.statusCode, body: text ? JSON.parse(text) : {} });
        },
      };
      dynalite(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    });
}

function respond(res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.statusCode = reply.status;
  res.setHeader('content-type', 'application/x-amz-json-1.0');
  res.setHeader('x-amz-crc32', crc32(text));
  res.end(text);
}

function invalid(message: string): Reply {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } };
}

/** The key attributes of `item`. */
export function pick(item: Wire, names: string[]): Wire {
  return Object.fromEntries(names.map((name) => [name, item?.[name]]));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Runs tasks one at a time, in order; `idle` settles once every task queued so far has. */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const run = tail.then(task, task);
      tail = run.catch(() => {});
      return run;
    },
    idle: (): Promise<unknown> => tail,
  };
}
