import type { Config } from '../config/config.js';
import type { Tracer } from '../observability/tracing.js';

/**
 * X-Ray tracing in AWS: a subsegment per invocation (see instrument.ts), per fan-out and per AWS call. Locally
 * there is no X-Ray, so no tracer, and its module is not even loaded.
 */
export async function createTracer(
  config: Pick<Config, 'environment' | 'xrayDaemonAddress'>,
): Promise<Tracer | undefined> {
  if (config.environment === 'local') return undefined;
  const { XRayTracer } = await import('../adapters/xray/xray-tracer.js');
  return new XRayTracer({ serviceName: 'blogapp', daemon: config.xrayDaemonAddress });
}
