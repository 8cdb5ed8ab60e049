import { CircuitBreaker, DEFAULT_BREAKER } from '../adapters/aws/circuit-breaker.js';
import type { DynamoDbDocuments } from '../adapters/dynamodb/documents.js';
import { createHttpDocuments, type HttpDocumentsOptions } from '../adapters/dynamodb/documents-over-http.js';
import { guardedDocuments } from '../adapters/dynamodb/guarded-documents.js';
import { traceDocumentCalls } from '../adapters/dynamodb/trace-document-calls.js';
import { watchedDocuments } from '../adapters/dynamodb/watched-documents.js';
import type { Tracer } from '../observability/tracing.js';

/** The DynamoDB calls the repositories make, and how to let go of the connections kept open for them. */
export interface StorageDocuments {
  documents: DynamoDbDocuments;
  /** Closes kept-alive connections: for tests and the bench (a function's process simply ends). */
  destroy(): void;
}

/**
 * What the repositories call DynamoDB through, the one place the port's implementation is chosen: the thin
 * client over DynamoDB's HTTP API (a tenth of the SDK's code at cold start and a third of its CPU per call,
 * bench/probes/dynamodb-clients-probe.ts; held to the SDK's document client by documents-over-http.test.ts),
 * its calls traced as X-Ray subsegments when there is a tracer, behind the circuit breaker (which sees each
 * call after all of its retries).
 */
export function createDocuments(options: HttpDocumentsOptions, tracer?: Tracer): StorageDocuments {
  const client = createHttpDocuments(options);
  const watched = tracer ? watchedDocuments(client, traceDocumentCalls(tracer, options.region)) : client;
  return {
    documents: guardedDocuments(watched, new CircuitBreaker(DEFAULT_BREAKER)),
    destroy: () => client.destroy(),
  };
}
