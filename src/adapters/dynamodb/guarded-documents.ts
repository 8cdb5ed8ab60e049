import type { CircuitBreaker } from '../aws/circuit-breaker.js';
import type { DynamoDbDocuments } from './documents.js';
import { watchedDocuments } from './watched-documents.js';

/**
 * `documents` behind the circuit breaker: it sees each call's outcome after all of the implementation's
 * retries, so a storage outage costs the timeouts a few times, then is answered at once with
 * UnavailableError (503 + Retry-After) until a probe gets through.
 */
export function guardedDocuments(documents: DynamoDbDocuments, breaker: CircuitBreaker): DynamoDbDocuments {
  return watchedDocuments(documents, (_operation, _input, call) => breaker.run(call));
}
