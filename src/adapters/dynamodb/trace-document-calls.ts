import type { Tracer } from '../../observability/tracing.js';
import { type ResponseMetadata, recordAwsCall, snakeCase } from '../aws/trace-aws-call.js';
import { LOW_LEVEL_OPERATIONS } from './document-operations.js';
import type { CallWatcher, DocumentOperation } from './documents.js';
import { retryKindOf } from './http/retries.js';

/** What an output or a failure says about the exchange, as the SDK's (and the thin client's) carry it. */
interface Answered {
  $metadata?: ResponseMetadata;
}

/**
 * An X-Ray subsegment per DynamoDB call, filled as aws-xray-sdk-core's captureAWSv3Client fills one for an SDK
 * call (its patchers/aws3_p.js, with the whitelist's DynamoDB parameters), so the trace map and console read
 * the thin client's calls as they read the SDK's: named `DynamoDB`, namespace `aws`, the call as
 * recordAwsCall records one, the table's name and the whitelisted parameters; a failure is a remote error.
 * Not carried over: the `X-Amzn-Trace-Id` request header (DynamoDB starts no trace from it) and the answer's
 * content length (not part of an output).
 */
export function traceDocumentCalls(tracer: Pick<Tracer, 'subsegment'>, region?: string): CallWatcher {
  return (operation, input, call) =>
    tracer.subsegment('DynamoDB', async (span) => {
      span.addAttribute('namespace', 'aws');
      const record = (answered: Answered | undefined, failure?: unknown) =>
        recordAwsCall(span, {
          service: 'DynamoDB',
          operation: LOW_LEVEL_OPERATIONS[operation],
          region,
          metadata: answered?.$metadata,
          parameters: whitelisted(
            operation,
            input,
            failure ? undefined : (answered as Record<string, unknown>),
          ),
          throttled: failure !== undefined && retryKindOf(failure) === 'throttling',
        });
      try {
        const output = await call();
        record(output as Answered | undefined);
        return output;
      } catch (error) {
        const failure = error as Error & Answered;
        if (failure?.$metadata) record(failure, failure);
        span.addError(error, true);
        throw error;
      }
    });
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
