import type { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { inSubsegment } from '../../observability/tracing.js';

/**
 * Wraps a Lambda handler so every invocation logs with its request id, cold start and function name, and,
 * where there is a tracer, runs in its own X-Ray subsegment annotated with cold start and service.
 */
export function instrument<E, R>(
  deps: { logger: Logger; tracer?: Tracer | undefined },
  handler: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  const { logger, tracer } = deps;
  return async (event, context) => {
    logger.addContext(context);
    try {
      return await inSubsegment(tracer, `## ${context.functionName}`, () => handler(event, context), {
        before: (inside) => {
          inside.annotateColdStart();
          inside.addServiceNameAnnotation();
        },
      });
    } finally {
      logger.resetKeys();
    }
  };
}
