/** The methods of T that return promises: the only ones a lazily loaded adapter can stand in for. */
type AsyncMethods<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T];

/**
 * An adapter whose module is imported on first use. The Lambda bundles are split into chunks, so the SDK
 * client behind an adapter (S3, the WebSocket management API) is parsed only by the invocations that need
 * it, not by every cold start.
 */
export function lazily<T extends object>(load: () => Promise<T>, methods: readonly AsyncMethods<T>[]): T {
  let loaded: Promise<T> | undefined;
  const instance = () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined; // a failed import may succeed on the next call
      throw error;
    });
    return loaded;
  };
  let ready: T | undefined;
  const proxy: Partial<Record<keyof T, unknown>> = {};
  const settle = (target: T) => {
    if (ready) return;
    ready = target;
    // Once loaded, the stand-in's methods are the adapter's own, bound: a fan-out calls `send` thousands of
    // times in a row, each of which would otherwise pay for a rest array, a closure and an `apply`.
    for (const method of methods) {
      proxy[method] = (target[method] as (...a: unknown[]) => unknown).bind(target);
    }
  };
  for (const method of methods) {
    proxy[method] = (...args: unknown[]) => {
      // A caller may have kept this function from before the load: it still forwards.
      const call = (target: T) =>
        (target[method] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      if (ready) return call(ready);
      return instance().then((target) => {
        settle(target);
        return call(target);
      });
    };
  }
  return proxy as T;
}
