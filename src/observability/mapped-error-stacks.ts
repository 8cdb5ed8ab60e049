import type { CustomJsonReplacerFn } from '@aws-lambda-powertools/logger/types';
import type { StackMapper } from './stack-source-maps.js';

/**
 * A JSON replacer for Powertools' Logger (`jsonReplacerFn`), which runs it on each value before formatting
 * errors its own way: an error is handed on as a copy whose stack (and its causes' stacks) went through
 * `mapStack`, so the logged `stack` and `location` name the TypeScript. The copy keeps the error's prototype
 * and own properties, so every other field of the line is what it was. Any other value passes untouched, and
 * a failure to map leaves the error as it was: the logger never throws for it.
 */
export function mappedErrorStacks(mapStack: StackMapper): CustomJsonReplacerFn {
  return (_key, value) => {
    if (!(value instanceof Error)) return value;
    try {
      return withMappedStacks(value, mapStack, new Set());
    } catch {
      return value;
    }
  };
}

function withMappedStacks(error: Error, mapStack: StackMapper, seen: Set<Error>): Error {
  seen.add(error);
  const stack = typeof error.stack === 'string' ? mapStack(error.stack) : error.stack;
  const cause =
    error.cause instanceof Error && !seen.has(error.cause)
      ? withMappedStacks(error.cause, mapStack, seen)
      : error.cause;
  if (stack === error.stack && cause === error.cause) return error;
  const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as Error;
  Object.defineProperty(copy, 'stack', { value: stack, writable: true, configurable: true });
  if (cause !== error.cause)
    Object.defineProperty(copy, 'cause', { value: cause, writable: true, configurable: true });
  return copy;
}
