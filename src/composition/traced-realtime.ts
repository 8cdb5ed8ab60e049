import type { FanOutResult } from '../domain/realtime/fan-out.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import type { Tracer } from '../observability/tracing.js';

/**
 * In AWS, each fan-out is one X-Ray subsegment with what it delivered, rather than one per push: pushes go
 * straight over signed HTTP (not a captured SDK client), and thousands of subsegments would bury the trace.
 */
export function tracedRealtime(tracer: Tracer | undefined, realtime: RealtimeService): RealtimeService {
  if (!tracer) return realtime;
  const fanOut = (name: string, push: () => Promise<FanOutResult>) =>
    tracer.subsegment(name, async (span) => {
      const result = await push();
      span.putMetadata('fanOut', result);
      return result;
    });
  const traced = Object.create(realtime) as RealtimeService;
  traced.publish = (event) => fanOut('## fan-out', () => realtime.publish(event));
  traced.postDeleted = (postId) => fanOut('## post deleted', () => realtime.postDeleted(postId));
  traced.broadcast = (input) => fanOut('## broadcast', () => realtime.broadcast(input));
  return traced;
}
