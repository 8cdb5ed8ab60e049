import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { amzDateOf, credentialScope, escapeUri, sha256Hex, sigV4Signature } from '../aws/sigv4.js';

export interface ManagementCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ManagementClientOptions {
  /**
   * The WebSocket API's connection endpoint with its stage, e.g. `https://<api-id>.execute-api.<region>.
   * amazonaws.com/production`, or the local gateway's `http://127.0.0.1:3001/local`. The client adds
   * `/@connections/<id>` to it.
   */
  endpoint: string;
  region: string;
  credentials?: ManagementCredentials;
  /** Keep-alive sockets to the endpoint: at least the pushes a fan-out keeps in flight, or they queue. */
  maxSockets?: number;
  /** A call that has not been answered this long fails with a `TimeoutError`, and is not retried. */
  requestTimeoutMs?: number;
}

/** API Gateway's management API (`@connections`), the two calls the fan-out makes. */
export interface ManagementClient {
  /** PostToConnection: the body is delivered to the connection as one text frame. */
  post(connectionId: string, data: string): Promise<void>;
  /** DeleteConnection. */
  delete(connectionId: string): Promise<void>;
  /** Closes the kept-alive sockets. */
  destroy(): void;
}

/**
 * An answer other than 2xx, named as API Gateway names it (`x-amzn-ErrorType`) and shaped as the AWS SDK's
 * service exceptions are (`name`, `$metadata.httpStatusCode`), so callers read it as they would the SDK's.
 */
export class ManagementApiError extends Error {
  readonly $metadata: { httpStatusCode: number };

  constructor(name: string, status: number, message: string) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
  }
}

const SIGNED = 'host;x-amz-date';
const SIGNED_WITH_TOKEN = 'host;x-amz-date;x-amz-security-token';

/**
 * A loopback endpoint is the local gateway, whose default key this is (the local stack passes its own); a fixed
 * key also spares a slow search of the default credential chain.
 */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Each call is one SigV4-signed HTTP request on a kept-alive socket, without the AWS SDK's per-call
 * middleware stack (endpoint rules, retry and serde layers, a dozen promises): a fan-out makes thousands of
 * these calls and the SDK's stack cost more than the request itself (see bench/results). No retries here:
 * the fan-out retries throttled pushes with backoff and gives each connection a deadline. Credentials not
 * given are the SDK's default chain (the function's role in Lambda), resolved and refreshed by the SDK.
 */
export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  // The caller's endpoint may end in a slash: `/@connections` is appended as is.
  const endpoint = new URL(options.endpoint.replace(/\/+$/, ''));
  const secure = endpoint.protocol === 'https:';
  const timeoutMs = options.requestTimeoutMs ?? 2_000;
  // The timeout on the agent, not on each request: a socket's timer is then set once, not armed and
  // cleared around every push. A socket silent this long fails its request with a TimeoutError.
  const agent = new (secure ? HttpsAgent : HttpAgent)({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    timeout: timeoutMs,
  });
  const send = secure ? httpsRequest : httpRequest;
  const credentials = credentialsFor(options);
  const { region } = options;

  // A fan-out posts the same frame to every connection, within the same second: both are worked out once.
  let lastBody = { data: '', bytes: Buffer.alloc(0), hash: sha256Hex('') };
  let lastDate = { second: 0, amzDate: '' };
  const bodyOf = (data: string) => {
    if (data !== lastBody.data) {
      const bytes = Buffer.from(data);
      lastBody = { data, bytes, hash: sha256Hex(bytes) };
    }
    return lastBody;
  };
  const amzDateNow = () => {
    const second = Math.floor(Date.now() / 1000);
    if (second !== lastDate.second) lastDate = { second, amzDate: amzDateOf(new Date(second * 1000)) };
    return lastDate.amzDate;
  };

  const call = async (method: 'POST' | 'DELETE', connectionId: string, data = ''): Promise<void> => {
    const { accessKeyId, secretAccessKey, sessionToken } = credentials.fixed ?? (await credentials.resolve());
    // Escaped as the SDK escapes a path label: `!'()*` too.
    const path = `${endpoint.pathname}/@connections/${escapeUri(connectionId)}`;
    const body = bodyOf(data);
    const amzDate = amzDateNow();
    const signed: Record<string, string> = {
      host: endpoint.host,
      'x-amz-date': amzDate,
      ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
    };
    const signature = sigV4Signature(
      { method, path, headers: signed, payloadHash: body.hash },
      { secretAccessKey, amzDate, region, service: 'execute-api' },
    );
    const scope = credentialScope(amzDate, region, 'execute-api');
    const headers = {
      ...signed,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${sessionToken ? SIGNED_WITH_TOKEN : SIGNED}, Signature=${signature}`,
      'content-length': String(body.bytes.length),
      // As the SDK labels PostToConnection's blob; API Gateway delivers the bytes whatever the type.
      ...(method === 'POST' ? { 'content-type': 'application/octet-stream' } : {}),
    };
    const answer = await exchange(
      send,
      { agent, hostname: endpoint.hostname, port: endpoint.port, method, path, headers },
      body.bytes,
      timeoutMs,
    );
    if (answer.status < 200 || answer.status >= 300) throw errorOf(answer);
  };

  return {
    post: (connectionId, data) => call('POST', connectionId, data),
    delete: (connectionId) => call('DELETE', connectionId),
    destroy: () => agent.destroy(),
  };
}

interface Answer {
  status: number;
  errorType: string | undefined;
  body: string;
}

/** One request and its whole answer; a request unanswered for `timeoutMs` is abandoned. */
function exchange(
  send: typeof httpRequest,
  request: RequestOptions,
  body: Buffer,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = send(request, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.once('error', reject);
      if (status >= 200 && status < 300) {
        // Neither the body nor the headers of a success are read: `res.headers` is built on first access.
        res.resume();
        res.once('end', () => resolve({ status, errorType: undefined, body: '' }));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        const errorType = res.headers['x-amzn-errortype'];
        resolve({
          status,
          // AWS may append `:<url>` to the type name.
          errorType: typeof errorType === 'string' ? errorType.split(':')[0] : undefined,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.once('timeout', () => {
      const error = new Error(`The management API did not answer within ${timeoutMs} ms.`);
      error.name = 'TimeoutError';
      req.destroy(error);
    });
    req.once('error', reject);
    req.end(body);
  });
}

function errorOf({ status, errorType, body }: Answer): ManagementApiError {
  let message = `The management API answered ${status}.`;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const text = parsed.message ?? parsed.Message;
    if (typeof text === 'string') message = text;
  } catch {
    // Not JSON: the status says enough.
  }
  return new ManagementApiError(errorType ?? `Http${status}Error`, status, message);
}

/** Given or local credentials are used as they are; only the default chain is asked, and awaited, per call. */
function credentialsFor(options: ManagementClientOptions): {
  fixed?: ManagementCredentials;
  resolve: () => Promise<ManagementCredentials>;
} {
  const fixed = options.credentials ?? (isLoopback(options.endpoint) ? LOCAL_CREDENTIALS : undefined);
  if (fixed) return { fixed, resolve: async () => fixed };
  let chain: (() => Promise<ManagementCredentials>) | undefined;
  return {
    resolve: async () => {
      if (!chain) {
        // The SDK client is built only for its credential chain (environment, then the container's or the
        // instance's role...), which memoizes the credentials and refreshes them before they expire.
        const { ApiGatewayManagementApiClient } = await import('@aws-sdk/client-apigatewaymanagementapi');
        const client = new ApiGatewayManagementApiClient({ region: options.region });
        chain = client.config.credentials as () => Promise<ManagementCredentials>;
      }
      return chain();
    },
  };
}

function isLoopback(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
