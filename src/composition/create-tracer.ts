import type { Config } from '../config/config.js';
import type { Tracer } from '../observability/tracing.js';

/**
 * X-Ray tracing in AWS: a subsegment per invocation (see instrument.ts), per fan-out, per AWS call and per
 * fetch. Locally there is no X-Ray, so no tracer, and its module is not even loaded; nor where
 * POWERTOOLS_TRACE_ENABLED turns it off.
 */
export async function createTracer(
  config: Pick<Config, 'environment' | 'tracing'>,
): Promise<Tracer | undefined> {
  if (config.environment === 'local' || !config.tracing.enabled) return undefined;
  const { XRayTracer } = await import('../adapters/xray/xray-tracer.js');
  return new XRayTracer({ serviceName: 'blogapp', daemon: config.tracing.daemonAddress });
}
