import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  TransactGetCommandInput,
  TransactGetCommandOutput,
  TransactWriteCommandInput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB calls the repositories make, on items as plain objects (the document client's shapes: inputs
 * and outputs as `@aws-sdk/lib-dynamodb` types them, outputs cut to what a repository reads). The
 * repositories know this port, not a client library, so the client under it is chosen by what it costs at
 * cold start and per call (documents-over-http.ts, held to the SDK's document client by its test), without touching them.
 *
 * A failure is thrown as the SDK throws it: `name` is DynamoDB's error type (ConditionalCheckFailedException,
 * TransactionCanceledException with `CancellationReasons`...), `$metadata.httpStatusCode` the answer's
 * status, and a network failure keeps its `code` (ECONNREFUSED...), so src/adapters/aws/sdk-errors.ts reads
 * every implementation alike.
 */
export interface DynamoDbDocuments {
  get(input: GetCommandInput, options?: CallOptions): Promise<Pick<GetCommandOutput, 'Item'>>;
  put(input: PutCommandInput, options?: CallOptions): Promise<Pick<PutCommandOutput, 'Attributes'>>;
  update(input: UpdateCommandInput, options?: CallOptions): Promise<Pick<UpdateCommandOutput, 'Attributes'>>;
  delete(input: DeleteCommandInput, options?: CallOptions): Promise<Pick<DeleteCommandOutput, 'Attributes'>>;
  query(
    input: QueryCommandInput,
    options?: CallOptions,
  ): Promise<Pick<QueryCommandOutput, 'Items' | 'Count' | 'LastEvaluatedKey'>>;
  batchGet(
    input: BatchGetCommandInput,
    options?: CallOptions,
  ): Promise<Pick<BatchGetCommandOutput, 'Responses' | 'UnprocessedKeys'>>;
  batchWrite(
    input: BatchWriteCommandInput,
    options?: CallOptions,
  ): Promise<Pick<BatchWriteCommandOutput, 'UnprocessedItems'>>;
  transactWrite(input: TransactWriteCommandInput, options?: CallOptions): Promise<void>;
  transactGet(
    input: TransactGetCommandInput,
    options?: CallOptions,
  ): Promise<Pick<TransactGetCommandOutput, 'Responses'>>;
}

export interface CallOptions {
  /** Gives up on the call (all of its attempts) when aborted; the failure is then an AbortError. */
  abortSignal?: AbortSignal;
}

/** The low-level operation each method is (GetItem, Query, TransactWriteItems...): what counting and traces name. */
export type DocumentOperation = keyof DynamoDbDocuments;

/**
 * Sees each call once, however often it is retried: the bench's and the tests' command counting, and the
 * X-Ray subsegment per call in AWS. `call` runs the call (with all its retries); a watcher returns its result.
 */
export type CallWatcher = <T>(
  operation: DocumentOperation,
  input: Record<string, unknown>,
  call: () => Promise<T>,
) => Promise<T>;
