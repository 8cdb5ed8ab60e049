import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config/config.js';

/**
 * EMF metrics in AWS, one namespace with the environment as a dimension. Locally there is no CloudWatch to
 * read them, and EMF lines would bury the logs, so there are none.
 */
export function createMetrics(config: Pick<Config, 'environment'>): Metrics | undefined {
  if (config.environment === 'local') return undefined;
  return new Metrics({
    namespace: 'blogapp',
    serviceName: 'blogapp',
    defaultDimensions: { environment: config.environment },
  });
}
