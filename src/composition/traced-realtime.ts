import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import type { Tracer } from '../observability/tracing.js';

/**
 * In AWS, each fan-out is one X-Ray subsegment with what it delivered, rather than one per push: pushes go
 * straight over signed HTTP (not a captured SDK client), and thousands of subsegments would bury the trace.
 */
export function tracedRealtime(tracer: Tracer | undefined, realtime: RealtimeService): RealtimeService {
  if (!tracer) return realtime;
  const traced = Object.create(realtime) as RealtimeService;
  traced.publish = (event) =>
    tracer.subsegment('## fan-out', async (span) => {
      const result = await realtime.publish(event);
      span.putMetadata('fanOut', result);
      return result;
    });
  traced.broadcast = (input) =>
    tracer.subsegment('## broadcast', async (span) => {
      const result = await realtime.broadcast(input);
      span.putMetadata('fanOut', result);
      return result;
    });
  return traced;
}
