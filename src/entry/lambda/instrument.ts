import type { Logger } from '@aws-lambda-powertools/logger';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

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
    const segment = tracer?.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${context.functionName}`);
    if (tracer && subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event, context);
    } catch (error) {
      tracer?.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (tracer && segment) tracer.setSegment(segment);
      logger.resetKeys();
    }
  };
}
