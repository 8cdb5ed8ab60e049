import type { AwsSdkClient, Span } from '../../observability/tracing.js';
import { isThrottlingError } from '../aws/throttling.js';
import { type ResponseMetadata, recordAwsCall, snakeCase } from '../aws/trace-aws-call.js';
import { Subsegment } from './subsegment.js';

const MIDDLEWARE_NAME = 'blogappXRayTracing';

type OpenSubsegment = <T>(name: string, work: (span: Span) => Promise<T>) => Promise<T>;

interface HandlerContext {
  clientName?: string;
  commandName?: string;
}
interface BuildArgs {
  input?: Record<string, unknown>;
  request?: { headers?: Record<string, string> };
}
interface Result {
  output?: { $metadata?: ResponseMetadata; presigned?: unknown };
  response?: { headers?: Record<string, string | undefined> };
}
type Next = (args: BuildArgs) => Promise<Result>;

/** X-Ray's whitelist (resources/aws_whitelist.json) for the S3 calls this app makes: what each call keeps. */
const S3_PARAMETERS: Record<string, string[]> = {
  HeadObject: ['Key', 'VersionId'],
  GetObject: ['Key', 'VersionId'],
  PutObject: ['Key'],
  CopyObject: ['CopySource', 'Key'],
  DeleteObject: ['Key', 'VersionId'],
};

/**
 * Adds a middleware to an AWS SDK v3 client, in the build step as X-Ray's `captureAWSv3Client` adds its own:
 * each call opens a subsegment named after the service (`S3`), carries the trace header so AWS's own
 * segment joins the trace, and is recorded as recordAwsCall says, a failure as a remote error.
 */
export function captureAwsCalls<C extends AwsSdkClient>(client: C, open: OpenSubsegment): C {
  const middleware = (next: Next, context: HandlerContext) => (args: BuildArgs) => {
    const service = (context.clientName ?? 'AWSClient').replace(/Client$/, '');
    const operation = (context.commandName ?? 'UnknownCommand').replace(/Command$/, '');
    return open(service, async (span) => {
      span.addAttribute('namespace', 'aws');
      if (span instanceof Subsegment && args.request?.headers) {
        args.request.headers['X-Amzn-Trace-Id'] = span.traceHeader;
      }
      const record = async (metadata: ResponseMetadata | undefined, throttled: boolean, length?: string) =>
        recordAwsCall(span, {
          service,
          operation,
          region: await client.config.region(),
          metadata,
          parameters: whitelisted(service, operation, args.input ?? {}),
          throttled,
          contentLength: length === undefined ? undefined : Number.parseInt(length, 10),
        });
      try {
        const result = await next(args);
        // A presigned URL runs the client's middleware too, but nothing is sent: no call to show.
        if (result.output?.presigned !== undefined) {
          span.discard();
          return result;
        }
        await record(result.output?.$metadata, false, result.response?.headers?.['content-length']);
        return result;
      } catch (error) {
        const failure = error as Error & { $metadata?: ResponseMetadata };
        if (failure?.$metadata) await record(failure.$metadata, isThrottlingError(failure));
        span.addError(error, true);
        throw error;
      }
    });
  };
  // Captured twice, a client still traces each call once.
  client.middlewareStack.remove(MIDDLEWARE_NAME as never);
  client.middlewareStack.add(middleware as never, { step: 'build', name: MIDDLEWARE_NAME } as never);
  return client;
}

function whitelisted(service: string, operation: string, input: Record<string, unknown>) {
  const data: Record<string, unknown> = {};
  if (service !== 'S3') return data;
  for (const name of S3_PARAMETERS[operation] ?? [])
    if (input[name] !== undefined) data[snakeCase(name)] = input[name];
  if (S3_PARAMETERS[operation] && input.Bucket !== undefined) data.bucket_name = input.Bucket;
  return data;
}
