import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { Tracer } from '../../observability/tracing.js';

/**
 * Wraps a Lambda handler so every invocation logs with its request id, cold start and function name, and,
 * where there is a tracer, runs in its own X-Ray subsegment annotated with cold start and service; an error the
 * handler lets out is logged before Lambda gets it.
 */
export function instrument<E, R>(
  deps: { logger: Logger; tracer?: Tracer | undefined },
  handler: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  const { logger, tracer } = deps;
  // No `logger.resetKeys()` after each invocation: nothing appends keys to the functions' loggers (a
  // request's keys ride on `withKeys`, see src/observability/log.ts), so there is nothing to reset, and
  // Powertools reads the environment three times per call to find that out, ~5% of a warm GET's CPU.
  return async (event, context) => {
    logger.addContext(context);
    try {
      const invoke = () => handler(event, context);
      return await (tracer ? tracer.invocation(`## ${context.functionName}`, invoke) : invoke());
    } catch (error) {
      // Lambda's runtime logs it too, with the stack as V8 wrote it (the bundle's minified lines): this line
      // carries the request id and a stack the logger maps to the TypeScript.
      logger.error('invocation failed: Lambda returns the error to its caller', { error });
      throw error;
    }
  };
}
