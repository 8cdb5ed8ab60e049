import type { Config } from '../config/config.js';
import type { Observability } from './compositions.js';
import { createLogger } from './create-logger.js';
import { createMetrics } from './create-metrics.js';
import { createTracer } from './create-tracer.js';

/** The logger, metrics and tracer the config asks for; every entry's composition starts here. */
export async function createObservability(config: Config): Promise<Observability> {
  const tracer = await createTracer(config);
  const metrics = createMetrics(config);
  return {
    logger: createLogger(config),
    ...(metrics ? { metrics } : {}),
    ...(tracer ? { tracer } : {}),
  };
}
