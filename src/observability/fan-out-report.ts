import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { FanOutResult } from '../domain/realtime/fan-out.js';
import type { Log } from './log.js';

/** Logs a fan-out's counts and, where metrics are on (in AWS), emits them as EMF metrics. */
export function reportFanOut(
  result: FanOutResult,
  context: Record<string, unknown>,
  log: Log,
  metrics?: Metrics,
): void {
  log.info('fan-out', { ...context, ...result });
  if (!metrics) return;
  metrics.addMetric('PushesDelivered', MetricUnit.Count, result.delivered);
  metrics.addMetric('PushesStale', MetricUnit.Count, result.stale);
  metrics.addMetric('PushesFailed', MetricUnit.Count, result.failed);
  metrics.publishStoredMetrics();
}
