import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config/config.js';
import { mappedErrorStacks } from '../observability/mapped-error-stacks.js';
import { createStackMapper } from '../observability/stack-source-maps.js';

/**
 * The root logger: JSON lines with the service, environment and (per request) the request id. Logged errors'
 * stacks point at the TypeScript through the bundles' source maps, read only when an error is logged (Node's
 * `--enable-source-maps` would read every loaded file's map at each cold start).
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'environment'>): Logger {
  return new Logger({
    serviceName: 'blogapp',
    logLevel: config.logLevel,
    persistentKeys: { environment: config.environment },
    jsonReplacerFn: mappedErrorStacks(createStackMapper()),
  });
}
