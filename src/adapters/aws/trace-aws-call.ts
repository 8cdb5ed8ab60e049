import { flagStatus, type Span } from '../../observability/tracing.js';

/** What an AWS SDK v3 output, or its failure, says about the exchange. */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  attempts?: number;
}

export interface AwsCall {
  service: string;
  /** As AWS names it: `GetItem`, `HeadObject`. */
  operation: string;
  region?: string | undefined;
  metadata?: ResponseMetadata | undefined;
  /** The call's parameters X-Ray's whitelist keeps, already named as it names them (`table_name`). */
  parameters: Record<string, unknown>;
  throttled: boolean;
  /** The answer's `content-length`, where the client exposes it (the SDK does; the thin client does not). */
  contentLength?: number | undefined;
}

/**
 * Fills an AWS call's subsegment as X-Ray's SDK fills one (patchers/aws3_p.js and its `Aws` attributes): the
 * operation, region, request ids and `retries` (which X-Ray fills with the attempt count), the whitelisted
 * parameters, the HTTP status and length, and the throttle, error (4xx) and fault (5xx) flags.
 */
export function recordAwsCall(span: Span, call: AwsCall): void {
  const { httpStatusCode: status, requestId, extendedRequestId, attempts } = call.metadata ?? {};
  span.addAttribute('aws', {
    operation: call.operation,
    ...(call.region ? { region: call.region } : {}),
    ...(requestId ? { request_id: requestId } : {}),
    retries: attempts || 0,
    ...(extendedRequestId && call.service === 'S3' ? { id_2: extendedRequestId } : {}),
    ...call.parameters,
  });
  const length = call.contentLength !== undefined ? { content_length: call.contentLength } : {};
  span.addAttribute('http', status ? { response: { status, ...length } } : {});
  if (call.throttled && status !== 429) span.addFlag('throttle');
  flagStatus(span, status);
}

/** `ConsistentRead` → `consistent_read`, as X-Ray's whitelist names parameters. */
export const snakeCase = (name: string) =>
  name
    .split(/(?=[A-Z])/)
    .join('_')
    .toLowerCase();
