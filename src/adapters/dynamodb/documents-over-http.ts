import { randomUUID } from 'node:crypto';
import { type AwsEnvironment, type CredentialSource, credentialSource } from '../aws/credentials.js';
import { amzDateOf, credentialScope, sha256Hex, sigV4Signature } from '../aws/sigv4.js';
import { credentialsOf, type DynamoDbClientOptions, timeoutsOf } from './client-options.js';
import { LOW_LEVEL_OPERATIONS } from './document-operations.js';
import type { CallOptions, DocumentOperation, DynamoDbDocuments } from './documents.js';
import { endpointOf } from './http/endpoint.js';
import { abortError, answerError, type ResponseMetadata } from './http/errors.js';
import { answerOutput, parseAnswer, requestBody } from './http/marshalling.js';
import { createPoster, type Limits, type Poster } from './http/request.js';
import { RetryQuota, retryDelay, retryKindOf } from './http/retries.js';

/** createDynamoDbClient's options, and where the SDK would read the process's environment, the config's. */
export interface HttpDocumentsOptions extends DynamoDbClientOptions {
  /**
   * AWS's standard endpoint and credential variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ACCESS_KEY_ID...), as the
   * config module read them (Config['repository'].environment): this client reads no environment itself.
   */
  environment?: AwsEnvironment;
}

/** The port, plus closing the client's connections (the SDK client's `destroy`). */
export interface HttpDocuments extends DynamoDbDocuments {
  destroy(): void;
}

/**
 * The documents port straight over DynamoDB's HTTP API (JSON 1.0, SigV4 by src/adapters/aws/sigv4.ts),
 * doing what the SDK's document client does for us as createDynamoDbClient sets it up — lib-dynamodb's
 * marshalling, the standard retry mode, connection and request timeouts, abort, SDK-shaped errors, the
 * credential chain — for a fraction of its code and CPU (bench/probes/dynamodb-clients-probe.ts measures
 * both). Takes the options createDynamoDbClient takes (the config's repository section, AWS's standard
 * variables included); the circuit breaker and the tracing are decorators over any implementation.
 */
export function createHttpDocuments(options: HttpDocumentsOptions): HttpDocuments {
  const env = options.environment ?? {};
  const endpoint = endpointOf(options.endpoint, options.region, env);
  const { connectionMs, requestMs, maxAttempts } = timeoutsOf(options);
  return new DocumentsOverHttp({
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

/** An output as the SDK gives it: with `$metadata`, which a CallWatcher reads (status, request id, attempts). */
type Answered = Record<string, unknown> & { $metadata: ResponseMetadata };

class DocumentsOverHttp implements HttpDocuments {
  private readonly quota = new RetryQuota();

  constructor(private readonly settings: Settings) {}

  get: DynamoDbDocuments['get'] = (input, options) => this.call('get', input, options);
  put: DynamoDbDocuments['put'] = (input, options) => this.call('put', input, options);
  update: DynamoDbDocuments['update'] = (input, options) => this.call('update', input, options);
  delete: DynamoDbDocuments['delete'] = (input, options) => this.call('delete', input, options);
  query: DynamoDbDocuments['query'] = (input, options) => this.call('query', input, options);
  batchGet: DynamoDbDocuments['batchGet'] = (input, options) => this.call('batchGet', input, options);
  batchWrite: DynamoDbDocuments['batchWrite'] = (input, options) => this.call('batchWrite', input, options);
  transactGet: DynamoDbDocuments['transactGet'] = (input, options) =>
    this.call('transactGet', input, options);
  // The port asks for nothing back, but the output (its $metadata) still reaches a watcher, as the SDK's does.
  // As the SDK does (the operation's idempotency token): a transaction retried after a timeout or a 5xx is
  // then applied once, whoever calls without a token of their own.
  transactWrite: DynamoDbDocuments['transactWrite'] = (input, options) =>
    this.call<void>('transactWrite', { ClientRequestToken: randomUUID(), ...input }, options);

  destroy(): void {
    this.settings.poster.close();
  }

  /** One call: the body built once from a copy of `input` (a retried call re-sends the same), then its attempts. */
  private async call<T>(operation: DocumentOperation, input: object, options: CallOptions = {}): Promise<T> {
    const { abortSignal } = options;
    const target = `DynamoDB_20120810.${LOW_LEVEL_OPERATIONS[operation]}`;
    const body = requestBody(operation, input);
    let totalRetryDelay = 0;
    let retryCost: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await this.attempt(target, body, abortSignal);
        this.quota.release(retryCost);
        const output = answerOutput(operation, answer.parsed) as Answered;
        output.$metadata = { ...answer.metadata, attempts: attempt, totalRetryDelay };
        return output as T;
      } catch (error) {
        const kind = retryKindOf(error);
        const cost =
          kind === 'none' || attempt >= this.settings.maxAttempts ? undefined : this.quota.take(kind);
        if (cost === undefined || abortSignal?.aborted) throw withAttempts(error, attempt, totalRetryDelay);
        retryCost = cost;
        const delay = retryDelay(kind, attempt - 1);
        totalRetryDelay += delay;
        await pause(delay, abortSignal);
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
