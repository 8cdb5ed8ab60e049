import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the request being served, reachable from anywhere beneath it without threading it through the
 * domain: the DynamoDB adapter stamps it on comment items, so the stream record carries it to the
 * broadcaster and a push's log lines name the HTTP request that caused them.
 */
const current = new AsyncLocalStorage<string>();

export function withCorrelationId<T>(id: string, run: () => T): T {
  return current.run(id, run);
}

export function correlationId(): string | undefined {
  return current.getStore();
}
