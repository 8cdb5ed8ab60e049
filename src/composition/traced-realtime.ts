import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { FanOutResult } from '../domain/realtime/fan-out.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import { inSubsegment } from '../observability/tracing.js';

const annotate = { after: (tracer: Tracer, result: FanOutResult) => tracer.putMetadata('fanOut', result) };

/**
 * In AWS, each fan-out is one X-Ray subsegment with what it delivered, rather than one per push: pushes go
 * straight over signed HTTP (not the traced SDK client), and thousands of subsegments would bury the trace.
 */
export function tracedRealtime(tracer: Tracer | undefined, realtime: RealtimeService): RealtimeService {
  if (!tracer) return realtime;
  const traced = Object.create(realtime) as RealtimeService;
  traced.publish = (event) => inSubsegment(tracer, '## fan-out', () => realtime.publish(event), annotate);
  traced.broadcast = (input) =>
    inSubsegment(tracer, '## broadcast', () => realtime.broadcast(input), annotate);
  return traced;
}
