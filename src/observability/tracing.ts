import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Config } from '../config/config.js';

/**
 * X-Ray tracing in AWS: a subsegment per invocation (see instrument.ts) and one per AWS SDK call. Locally
 * there is no X-Ray, so no tracer — and the module is not even loaded: the X-Ray SDK it pulls in turns on
 * async hooks that tax every promise of every request.
 */
export async function createTracer(config: Pick<Config, 'environment'>): Promise<Tracer | undefined> {
  if (config.environment === 'local') return undefined;
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  return new Tracer({ serviceName: 'blogapp' });
}

/** The client, with its calls traced as subsegments when there is a tracer. */
export function traced<T>(tracer: Tracer | undefined, client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/**
 * Runs `work` in a subsegment of the current X-Ray segment named `name` (as is, when there is no tracer or no
 * segment): `annotate` runs inside it before the work and with its result, errors go in as metadata.
 */
export async function inSubsegment<T>(
  tracer: Tracer | undefined,
  name: string,
  work: () => Promise<T>,
  annotate: { before?: (tracer: Tracer) => void; after?: (tracer: Tracer, result: T) => void } = {},
): Promise<T> {
  const segment = tracer?.getSegment();
  const subsegment = segment?.addNewSubsegment(name);
  const inside = tracer && subsegment ? tracer : undefined;
  if (inside && subsegment) {
    inside.setSegment(subsegment);
    annotate.before?.(inside);
  }
  try {
    const result = await work();
    if (inside) annotate.after?.(inside, result);
    return result;
  } catch (error) {
    tracer?.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (tracer && segment) tracer.setSegment(segment);
  }
}
