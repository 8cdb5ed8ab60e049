/**
 * A value a port may hand back at once or later: a store holding its data in memory answers at once, one
 * across the network later. Reading it through `whenReady` keeps the caller synchronous when the value is,
 * so an answer built from memory reaches the HTTP server as a Response rather than a promise, which takes
 * @hono/node-server's shorter path (no close listener, no async response): most of the 7,900 instructions a
 * warm GET of a post on the local server lost with request-shell.ts's change (callgrind).
 */
export type Awaitable<T> = T | Promise<T>;

/**
 * `then(value)`, without a promise when `value` is not one and `then` returns none. A failure is always a
 * rejected promise, never a throw, so a caller that awaits or chains the result sees errors one way only.
 */
export function whenReady<T, U>(value: Awaitable<T>, then: (value: T) => Awaitable<U>): Awaitable<U> {
  if (value instanceof Promise) return value.then(then);
  try {
    return then(value);
  } catch (error) {
    return Promise.reject(error);
  }
}
