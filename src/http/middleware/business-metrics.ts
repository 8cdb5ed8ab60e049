import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { getPath } from 'hono/utils/url';
import type { Exchange } from './exchange.js';

/** The business events the dashboard counts, recognised by method, path and success status. */
const EVENTS: { method: string; path: RegExp; status: number; metric: string }[] = [
  { method: 'POST', path: /^\/api\/posts$/, status: 201, metric: 'PostCreated' },
  { method: 'PATCH', path: /^\/api\/posts\/[^/]+$/, status: 200, metric: 'PostEdited' },
  { method: 'DELETE', path: /^\/api\/posts\/[^/]+$/, status: 204, metric: 'PostDeleted' },
  { method: 'POST', path: /^\/api\/posts\/[^/]+\/comments$/, status: 201, metric: 'CommentCreated' },
  { method: 'DELETE', path: /^\/api\/posts\/[^/]+\/comments\/[^/]+$/, status: 204, metric: 'CommentDeleted' },
  { method: 'PUT', path: /^\/api\/posts\/[^/]+\/favorite$/, status: 204, metric: 'FavoriteAdded' },
  { method: 'DELETE', path: /^\/api\/posts\/[^/]+\/favorite$/, status: 204, metric: 'FavoriteRemoved' },
  { method: 'POST', path: /^\/api\/uploads$/, status: 201, metric: 'UploadRequested' },
];

/** Counts one answered request if it was a business event; the shell calls it once the answer is ready. */
export type BusinessMetrics = (exchange: Exchange) => void;

/**
 * Counts each successful business event as an EMF metric, flushed with the response: CloudWatch reads EMF
 * from the function's log, so it costs no API call on the request path.
 */
export function businessMetrics(metrics: Metrics): BusinessMetrics {
  return ({ request, response }) => {
    // Reads (most requests) match no event by method, so they never parse the path.
    if (request.method === 'GET') return;
    const path = getPath(request);
    const event = EVENTS.find(
      (e) => e.method === request.method && e.status === response.status && e.path.test(path),
    );
    if (!event) return;
    metrics.addMetric(event.metric, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  };
}
