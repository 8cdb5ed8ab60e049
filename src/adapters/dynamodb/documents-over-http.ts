import { randomUUID } from 'node:crypto';
import { LOW_LEVEL_OPERATIONS } from './document-operations.js';
import type { CallOptions, DocumentOperation, DynamoDbDocuments } from './documents.js';
import type { ResponseMetadata } from './http/errors.js';
import { createJsonCaller, type JsonCaller, type JsonCallerOptions } from './http/json-caller.js';
import { answerOutput, requestBody } from './http/marshalling.js';

/** createDynamoDbClient's options, and where the SDK would read the process's environment, the config's. */
export type HttpDocumentsOptions = JsonCallerOptions;

/** The port, plus closing the client's connections (the SDK client's `destroy`). */
export interface HttpDocuments extends DynamoDbDocuments {
  destroy(): void;
}

/**
 * The documents port straight over DynamoDB's HTTP API (JSON 1.0, SigV4 by src/adapters/aws/sigv4.ts),
 * doing what the SDK's document client does for us as createDynamoDbClient sets it up — lib-dynamodb's
 * marshalling, the standard retry mode, connection and request timeouts, abort, SDK-shaped errors, the
 * credential chain — for a fraction of its code and CPU (bench/probes/dynamodb-clients-probe.ts measures
 * both). Takes the options createDynamoDbClient takes (the config's repository section, AWS's standard
 * variables included); the circuit breaker and the tracing are decorators over any implementation.
 */
export function createHttpDocuments(options: HttpDocumentsOptions): HttpDocuments {
  return new DocumentsOverHttp(createJsonCaller(options));
}

/** An output as the SDK gives it: with `$metadata`, which a CallWatcher reads (status, request id, attempts). */
type Answered = Record<string, unknown> & { $metadata: ResponseMetadata };

class DocumentsOverHttp implements HttpDocuments {
  constructor(private readonly caller: JsonCaller) {}

  get: DynamoDbDocuments['get'] = (input, options) => this.call('get', input, options);
  put: DynamoDbDocuments['put'] = (input, options) => this.call('put', input, options);
  update: DynamoDbDocuments['update'] = (input, options) => this.call('update', input, options);
  delete: DynamoDbDocuments['delete'] = (input, options) => this.call('delete', input, options);
  query: DynamoDbDocuments['query'] = (input, options) => this.call('query', input, options);
  batchGet: DynamoDbDocuments['batchGet'] = (input, options) => this.call('batchGet', input, options);
  batchWrite: DynamoDbDocuments['batchWrite'] = (input, options) => this.call('batchWrite', input, options);
  transactGet: DynamoDbDocuments['transactGet'] = (input, options) =>
    this.call('transactGet', input, options);
  // The port asks for nothing back, but the output (its $metadata) still reaches a watcher, as the SDK's does.
  // As the SDK does (the operation's idempotency token): a transaction retried after a timeout or a 5xx is
  // then applied once, whoever calls without a token of their own.
  transactWrite: DynamoDbDocuments['transactWrite'] = (input, options) =>
    this.call<void>('transactWrite', { ClientRequestToken: randomUUID(), ...input }, options);

  destroy(): void {
    this.caller.close();
  }

  /** One call: the body built once from a copy of `input` (a retried call re-sends the same). */
  private async call<T>(operation: DocumentOperation, input: object, options: CallOptions = {}): Promise<T> {
    const target = `DynamoDB_20120810.${LOW_LEVEL_OPERATIONS[operation]}`;
    const answer = await this.caller.call(target, requestBody(operation, input), options.abortSignal);
    const output = answerOutput(operation, answer.parsed) as Answered;
    output.$metadata = answer.metadata;
    return output as T;
  }
}
