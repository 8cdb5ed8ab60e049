import type { CallOptions, CallWatcher, DocumentOperation, DynamoDbDocuments } from './documents.js';

/**
 * `documents` with each call passed through `watcher`, once per call: the implementation's retries happen
 * inside it. What counts, traces or guards calls wraps any implementation of the port alike.
 */
export function watchedDocuments(documents: DynamoDbDocuments, watcher: CallWatcher): DynamoDbDocuments {
  const watched = <K extends DocumentOperation>(operation: K): DynamoDbDocuments[K] => {
    // Every method has the same shape, (input, options) => Promise; the port types each one at its edges.
    // Bound, so an implementation written as a class keeps its `this`.
    const call = (documents[operation] as (input: object, options?: CallOptions) => Promise<unknown>).bind(
      documents,
    );
    const watchedCall = (input: object, options?: CallOptions) =>
      watcher(operation, input as Record<string, unknown>, () => call(input, options));
    return watchedCall as DynamoDbDocuments[K];
  };
  return {
    get: watched('get'),
    put: watched('put'),
    update: watched('update'),
    delete: watched('delete'),
    query: watched('query'),
    batchGet: watched('batchGet'),
    batchWrite: watched('batchWrite'),
    transactWrite: watched('transactWrite'),
    transactGet: watched('transactGet'),
  };
}
