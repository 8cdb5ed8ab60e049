import { type AwsEnvironment, type CredentialSource, credentialSource } from '../../aws/credentials.js';
import { amzDateOf, credentialScope, sha256Hex, sigV4Signature } from '../../aws/sigv4.js';
import { credentialsOf, type DynamoDbClientOptions, timeoutsOf } from '../client-options.js';
import { endpointOf } from './endpoint.js';
import { abortError, answerError, type ResponseMetadata } from './errors.js';
import { parseAnswer } from './marshalling.js';
import { createPoster, type Limits, type Poster } from './request.js';
import { RetryQuota, retryDelay, retryKindOf } from './retries.js';

/** createDynamoDbClient's options, and where the SDK would read the process's environment, the config's. */
export interface JsonCallerOptions extends DynamoDbClientOptions {
  /**
   * AWS's standard endpoint and credential variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID...), as the
   * config module read them (Config['repository'].environment): this client reads no environment itself.
   */
  environment?: AwsEnvironment;
}

/** A parsed answer and what the SDK would put in its `$metadata`. */
export interface JsonAnswer {
  parsed: Record<string, unknown>;
  metadata: ResponseMetadata & { attempts: number; totalRetryDelay: number };
}

/**
 * DynamoDB's JSON 1.0 protocol, for any of its APIs that sign as `dynamodb` (DynamoDB itself, and DynamoDB
 * Streams, which answers on the same endpoint locally): one signed POST per attempt, retried in the SDK's
 * standard mode, an answer other than 200 thrown as the SDK's service exception.
 */
export interface JsonCaller {
  /** `target` is the X-Amz-Target (`DynamoDB_20120810.GetItem`); `body` is sent as is on every attempt. */
  call(target: string, body: string, signal?: AbortSignal): Promise<JsonAnswer>;
  /** Closes its connections, so they hold neither the process nor the server open. */
  close(): void;
}

export function createJsonCaller(options: JsonCallerOptions): JsonCaller {
  const env = options.environment ?? {};
  const endpoint = endpointOf(options.endpoint, options.region, env);
  const { connectionMs, requestMs, maxAttempts } = timeoutsOf(options);
  return new SignedJsonCaller({
    poster: createPoster(endpoint),
    host: endpoint.host,
    // Signed as sent: an endpoint behind a proxy may have a path of its own.
    path: endpoint.pathname || '/',
    region: options.region,
    credentials: credentialSource(credentialsOf(options), env),
    limits: { connectionMs, requestMs },
    maxAttempts,
  });
}

interface Settings {
  poster: Poster;
  host: string;
  path: string;
  region: string;
  credentials: CredentialSource;
  limits: Limits;
  maxAttempts: number;
}

class SignedJsonCaller implements JsonCaller {
  private readonly quota = new RetryQuota();

  constructor(private readonly settings: Settings) {}

  close(): void {
    this.settings.poster.close();
  }

  async call(target: string, body: string, signal?: AbortSignal): Promise<JsonAnswer> {
    let totalRetryDelay = 0;
    let retryCost: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.attempt(target, body, signal);
        this.quota.release(retryCost);
        return {
          parsed: answer.parsed,
          metadata: { ...answer.metadata, attempts: attempt, totalRetryDelay },
        };
      } catch (error) {
        const kind = retryKindOf(error);
        const cost =
          kind === 'none' || attempt >= this.settings.maxAttempts ? undefined : this.quota.take(kind);
        if (cost === undefined || signal?.aborted) throw withAttempts(error, attempt, totalRetryDelay);
        retryCost = cost;
        const delay = retryDelay(kind, attempt - 1);
        totalRetryDelay += delay;
        await pause(delay, signal);
      }
    }
  }

  /** One signed POST; an answer other than 200 is thrown as the SDK's service exception. */
  private async attempt(target: string, body: string, signal: AbortSignal | undefined) {
    const { host, path, region, credentials, poster, limits } = this.settings;
    const { accessKeyId, secretAccessKey, sessionToken } = await credentials();
    const amzDate = amzDateOf(new Date());
    const signed: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      host,
      'x-amz-date': amzDate,
      'x-amz-target': target,
      ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
    };
    const signature = sigV4Signature(
      { method: 'POST', path, headers: signed, payloadHash: sha256Hex(body) },
      { secretAccessKey, amzDate, region, service: 'dynamodb' },
    );
    const headers = {
      ...signed,
      'content-length': String(Buffer.byteLength(body)),
      authorization:
        `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${credentialScope(amzDate, region, 'dynamodb')}, ` +
        `SignedHeaders=${Object.keys(signed).sort().join(';')}, Signature=${signature}`,
    };
    const answer = await poster.post(headers, body, limits, signal);
    const requestId = answer.headers['x-amzn-requestid'];
    const metadata: ResponseMetadata = {
      httpStatusCode: answer.status,
      ...(typeof requestId === 'string' ? { requestId } : {}),
    };
    if (answer.status !== 200) {
      const error = answerError(answer.status, answer.headers, parsedOrEmpty(answer.body));
      Object.assign(error.$metadata, metadata);
      throw error;
    }
    return { parsed: parseAnswer(answer.body), metadata };
  }
}

/** The failure as the SDK throws it after its last attempt: `$metadata` counting the attempts made. */
function withAttempts(error: unknown, attempts: number, totalRetryDelay: number): unknown {
  if (!error || typeof error !== 'object') return error;
  const failed = error as { $metadata?: ResponseMetadata };
  failed.$metadata = { ...failed.$metadata, attempts, totalRetryDelay };
  return failed;
}

/** A failure's body, or nothing when it is not JSON (a proxy's or load balancer's page): its status then speaks. */
function parsedOrEmpty(body: string): Record<string, unknown> {
  try {
    const parsed = parseAnswer(body);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
