import type { Tracer } from '@aws-lambda-powertools/tracer';
import { LOW_LEVEL_OPERATIONS } from './document-operations.js';
import type { CallWatcher, DocumentOperation } from './documents.js';
import { retryKindOf } from './http/retries.js';

type Segment = NonNullable<ReturnType<Tracer['getSegment']>>;
type Subsegment = ReturnType<Segment['addNewSubsegment']>;

/** What an output or a failure says about the exchange, as the SDK's (and the thin client's) carry it. */
interface Answered {
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/**
 * An X-Ray subsegment per DynamoDB call, filled as aws-xray-sdk-core's captureAWSv3Client fills one for an SDK
 * call (its patchers/aws3_p.js, with the whitelist's DynamoDB parameters), so the trace map and console read
 * the thin client's calls as they read the SDK's: named `DynamoDB`, namespace `aws`, `aws.operation`, region,
 * request id, `retries` (which X-Ray fills with the attempt count), the table's name and the whitelisted
 * parameters, the HTTP status, and the throttle, error (4xx) and fault (5xx) flags; a failure closes it as a
 * remote error. Not carried over: the `X-Amzn-Trace-Id` request header (DynamoDB starts no trace from it) and
 * the answer's content length (not part of an output).
 */
export function traceDocumentCalls(tracer: Pick<Tracer, 'getSegment'>, region?: string): CallWatcher {
  return async (operation, input, call) => {
    const segment = tracer.getSegment();
    if (!segment) return call();
    const subsegment = segment.notTraced
      ? segment.addNewSubsegmentWithoutSampling('DynamoDB')
      : segment.addNewSubsegment('DynamoDB');
    subsegment.addAttribute('namespace', 'aws');
    try {
      const output = await call();
      describeCall(subsegment, operation, input, region, output as Answered | undefined);
      subsegment.close();
      return output;
    } catch (error) {
      const failure = error as Error & Answered;
      if (failure?.$metadata) describeCall(subsegment, operation, input, region, undefined, failure);
      const { message, name, stack = new Error().stack } = failure ?? {};
      subsegment.close({ message, name, stack } as Error, true);
      throw error;
    }
  };
}

function describeCall(
  subsegment: Subsegment,
  operation: DocumentOperation,
  input: Record<string, unknown>,
  region: string | undefined,
  output: Answered | undefined,
  error?: Answered,
): void {
  const { httpStatusCode: status, requestId, attempts } = (output ?? error)?.$metadata ?? {};
  subsegment.addAttribute('aws', {
    operation: LOW_LEVEL_OPERATIONS[operation],
    ...(region ? { region } : {}),
    ...(requestId ? { request_id: requestId } : {}),
    retries: attempts || 0,
    ...whitelisted(operation, input, output as Record<string, unknown> | undefined),
  });
  subsegment.addAttribute('http', status ? { response: { status } } : {});
  if ((error && retryKindOf(error) === 'throttling') || status === 429) subsegment.addThrottleFlag();
  if (status && status >= 400 && status < 500) subsegment.addErrorFlag();
  else if (status && status >= 500 && status < 600) subsegment.addFaultFlag();
}

/** aws-xray-sdk-core's whitelist for these DynamoDB operations: request and response parameters, snake-cased. */
const REQUEST_PARAMETERS: Partial<Record<DocumentOperation, string[]>> = {
  get: ['ConsistentRead', 'ProjectionExpression', 'TableName'],
  put: ['TableName'],
  update: ['TableName'],
  delete: ['TableName'],
  query: [
    'AttributesToGet',
    'ConsistentRead',
    'IndexName',
    'Limit',
    'ProjectionExpression',
    'ScanIndexForward',
    'Select',
    'TableName',
  ],
};
const WRITE_RESPONSE = ['ConsumedCapacity', 'ItemCollectionMetrics'];
const RESPONSE_PARAMETERS: Partial<Record<DocumentOperation, string[]>> = {
  get: ['ConsumedCapacity'],
  put: WRITE_RESPONSE,
  update: WRITE_RESPONSE,
  delete: WRITE_RESPONSE,
  query: ['ConsumedCapacity'],
  batchGet: ['ConsumedCapacity'],
  batchWrite: WRITE_RESPONSE,
};

function whitelisted(
  operation: DocumentOperation,
  input: Record<string, unknown>,
  output: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const copy = (names: string[] | undefined, from: Record<string, unknown>) => {
    for (const name of names ?? []) if (from[name] !== undefined) data[snakeCase(name)] = from[name];
  };
  copy(REQUEST_PARAMETERS[operation], input);
  if ((operation === 'batchGet' || operation === 'batchWrite') && input.RequestItems) {
    data.table_names = Object.keys(input.RequestItems as object);
  }
  if (output) copy(RESPONSE_PARAMETERS[operation], output);
  return data;
}

const snakeCase = (name: string) =>
  name
    .split(/(?=[A-Z])/)
    .join('_')
    .toLowerCase();
