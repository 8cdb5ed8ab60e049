import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Config } from '../config/config.js';

/**
 * X-Ray tracing in AWS: a subsegment per invocation (see instrument.ts) and one per AWS SDK call. Powertools
 * turns itself off outside Lambda; locally there is no X-Ray at all, so no tracer is made.
 */
export function createTracer(config: Pick<Config, 'environment'>): Tracer | undefined {
  if (config.environment === 'local') return undefined;
  return new Tracer({ serviceName: 'blogapp' });
}

/** The client, with its calls traced as subsegments when there is a tracer. */
export function traced<T>(tracer: Tracer | undefined, client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
