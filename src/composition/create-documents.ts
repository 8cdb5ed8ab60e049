import type { Tracer } from '@aws-lambda-powertools/tracer';
import { CircuitBreaker, DEFAULT_BREAKER } from '../adapters/aws/circuit-breaker.js';
import type { DynamoDbClientOptions } from '../adapters/dynamodb/client-options.js';
import type { DynamoDbDocuments } from '../adapters/dynamodb/documents.js';
import { documentsOverSdk } from '../adapters/dynamodb/documents-over-sdk.js';
import { createDocumentClient } from '../adapters/dynamodb/dynamodb-client.js';
import { guardedDocuments } from '../adapters/dynamodb/guarded-documents.js';
import { traced } from '../observability/tracing.js';

/** The DynamoDB calls the repositories make, and how to let go of the connections kept open for them. */
export interface StorageDocuments {
  documents: DynamoDbDocuments;
  /** Closes kept-alive connections: for tests and the bench (a function's process simply ends). */
  destroy(): void;
}

/**
 * What the repositories call DynamoDB through, the one place the port's implementation is chosen: the SDK's
 * document client with bounded waits, its calls traced as X-Ray subsegments when there is a tracer, behind
 * the circuit breaker (which sees each call after all of its retries).
 */
export function createDocuments(options: DynamoDbClientOptions, tracer?: Tracer): StorageDocuments {
  const client = traced(tracer, createDocumentClient(options));
  return {
    documents: guardedDocuments(documentsOverSdk(client), new CircuitBreaker(DEFAULT_BREAKER)),
    destroy: () => client.destroy(),
  };
}
