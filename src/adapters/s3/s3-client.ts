import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CircuitBreaker, DEFAULT_BREAKER } from '../aws/circuit-breaker.js';

export interface S3ClientOptions {
  region: string;
  /** An S3-compatible server instead of AWS; addressed path-style, as such servers expect. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

type RelativeMiddleware = Parameters<S3Client['middlewareStack']['addRelativeTo']>[0];

/**
 * Bounded waits and a circuit breaker, as for DynamoDB: an S3 hiccup becomes a quick 503, not a hung
 * request, and once S3 has stopped answering requests are not made to wait on it.
 */
export function createS3Client(options: S3ClientOptions): S3Client {
  const client = new S3Client({
    region: options.region,
    maxAttempts: 3,
    // Otherwise the SDK puts a CRC32 of the (empty) body into presigned PUT URLs and S3 refuses the real bytes.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    // Without throwOnRequestTimeout a server that accepts the connection but never answers hangs the request.
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      throwOnRequestTimeout: true,
    }),
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const breaker = new CircuitBreaker(
    DEFAULT_BREAKER,
    'Image storage is not answering right now; retry in a moment.',
  );
  // After signing, where a presigned URL (computed here, no network) never reaches: a presign still works
  // while the circuit is open. So the breaker sees each attempt; an open circuit is not retried.
  const circuit =
    <A, R>(next: (args: A) => Promise<R>) =>
    (args: A) =>
      breaker.run(() => next(args));
  client.middlewareStack.addRelativeTo(circuit as RelativeMiddleware, {
    name: 'circuitBreaker',
    relation: 'after',
    toMiddleware: 'awsAuthMiddleware',
  });
  return client;
}
