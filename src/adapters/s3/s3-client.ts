import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface S3ClientOptions {
  region: string;
  /** An S3-compatible server instead of AWS; addressed path-style, as such servers expect. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Bounded waits, as for DynamoDB: an S3 hiccup becomes a quick 503, not a hung request. */
export function createS3Client(options: S3ClientOptions): S3Client {
  return new S3Client({
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
}
