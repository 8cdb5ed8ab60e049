import { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config/config.js';

/** The root logger: JSON lines with the service, environment and (per request) the request id. */
export function createLogger(config: Pick<Config, 'logLevel' | 'environment'>): Logger {
  return new Logger({
    serviceName: 'blogapp',
    logLevel: config.logLevel,
    persistentKeys: { environment: config.environment },
  });
}
