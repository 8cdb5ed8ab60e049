import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Deadlines } from '../../domain/shared/deadlines.js';
import {
  type AwsEnvironment,
  credentialSource,
  environmentCredentials,
  LOCAL_CREDENTIALS,
} from '../aws/credentials.js';
import { amzDateOf, credentialScope, escapeUri, pathSigner, sha256Hex } from '../aws/sigv4.js';

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
  /** AWS's standard credential variables, as the config read them (the client reads no environment itself). */
  environment?: AwsEnvironment;
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
 * Each call is one SigV4-signed HTTP request on a kept-alive socket, without the AWS SDK's per-call
 * middleware stack (endpoint rules, retry and serde layers, a dozen promises): a fan-out makes thousands of
 * these calls and the SDK's stack cost more than the request itself (see bench/results). No retries here:
 * the fan-out retries throttled pushes with backoff and gives each connection a deadline. Credentials not
 * given are the environment's (the function's role, as Lambda gives it), else the SDK's default chain.
 */
export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  // The caller's endpoint may end in a slash: `/@connections` is appended as is.
  const endpoint = new URL(options.endpoint.replace(/\/+$/, ''));
  const secure = endpoint.protocol === 'https:';
  const timeoutMs = options.requestTimeoutMs ?? 2_000;
  // One timer for every call in flight, not a socket timeout: Node re-arms an agent's or a request's socket
  // timer around every request it carries (and per packet), which a fan-out pays thousands of times.
  const deadlines = new Deadlines<ClientRequest>(timeoutMs, (req) => {
    const error = new Error(`The management API did not answer within ${timeoutMs} ms.`);
    error.name = 'TimeoutError';
    req.destroy(error);
  });
  const agent = new (secure ? HttpsAgent : HttpAgent)({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
  });
  const send = secure ? httpsRequest : httpRequest;
  const credentials = credentialsFor(options);
  const { region } = options;

  // A fan-out posts the same frame to every connection within the same second: all that a call's request
  // shares with the one before it (body, date, the signature's fixed parts, the headers but two) is reused.
  let last: Signing | undefined;
  const signingFor = (
    method: Method,
    data: string,
    { accessKeyId, secretAccessKey, sessionToken }: ManagementCredentials,
  ) => {
    const second = Math.floor(Date.now() / 1000);
    if (
      last?.second === second &&
      last.method === method &&
      last.data === data &&
      last.accessKeyId === accessKeyId &&
      last.secretAccessKey === secretAccessKey &&
      last.sessionToken === sessionToken
    ) {
      return last;
    }
    const amzDate = amzDateOf(new Date(second * 1000));
    const bytes = last?.data === data ? last.bytes : Buffer.from(data);
    const payloadHash = last?.data === data ? last.payloadHash : sha256Hex(bytes);
    const signed: Record<string, string> = {
      host: endpoint.host,
      'x-amz-date': amzDate,
      ...(sessionToken ? { 'x-amz-security-token': sessionToken } : {}),
    };
    const scope = credentialScope(amzDate, region, 'execute-api');
    last = {
      second,
      method,
      data,
      accessKeyId,
      secretAccessKey,
      sessionToken,
      bytes,
      payloadHash,
      sign: pathSigner(
        { method, headers: signed, payloadHash },
        { secretAccessKey, amzDate, region, service: 'execute-api' },
      ),
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${sessionToken ? SIGNED_WITH_TOKEN : SIGNED}, Signature=`,
      // As a flat list, which Node writes as it is, rather than one validated `setHeader` per header.
      headers: [
        ...Object.entries(signed).flat(),
        'content-length',
        String(bytes.length),
        // As the SDK labels PostToConnection's blob; API Gateway delivers the bytes whatever the type.
        ...(method === 'POST' ? ['content-type', 'application/octet-stream'] : []),
      ],
    };
    return last;
  };

  const request = (
    method: Method,
    connectionId: string,
    data: string,
    signer: ManagementCredentials,
  ): Promise<void> => {
    const signing = signingFor(method, data, signer);
    // Escaped as the SDK escapes a path label: `!'()*` too.
    const path = `${endpoint.pathname}/@connections/${escapeUri(connectionId)}`;
    const headers = [...signing.headers, 'authorization', signing.authorization + signing.sign(path)];
    return exchange(
      send,
      { agent, hostname: endpoint.hostname, port: endpoint.port, method, path, headers },
      signing.bytes,
      deadlines,
    );
  };
  // Not an async function: a push is then one promise (the exchange's), not one wrapped in another; what
  // Node throws at once (a header it will not send) still comes back as a rejection.
  const call = (method: Method, connectionId: string, data = ''): Promise<void> => {
    if (!credentials.fixed) {
      return credentials.resolve().then((resolved) => request(method, connectionId, data, resolved));
    }
    try {
      return request(method, connectionId, data, credentials.fixed);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  return {
    post: (connectionId, data) => call('POST', connectionId, data),
    delete: (connectionId) => call('DELETE', connectionId),
    destroy: () => agent.destroy(),
  };
}

type Method = 'POST' | 'DELETE';

/** What every call with the same method, body, credentials and second signs and sends alike. */
interface Signing {
  second: number;
  method: Method;
  data: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  bytes: Buffer;
  payloadHash: string;
  /** The signature of a request to this path. */
  sign: (path: string) => string;
  /** The Authorization header up to its signature. */
  authorization: string;
  /** Every header but Authorization, as name, value, name, value... */
  headers: string[];
}

interface Answer {
  status: number;
  errorType: string | undefined;
  body: string;
}

/** What a kept-alive socket the server had already closed fails with when a request is written to it. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * One request, settled once its whole answer is in: a 2xx fulfils it, any other status rejects it with a
 * ManagementApiError; a request not answered by its deadline is destroyed. A request that fails on a reused
 * socket before any answer is sent once more on a new one: the server closed that idle socket as the request
 * went out (keep-alive's race, and a Lambda thawed after a freeze holds such sockets), so it never saw it —
 * Node's documented remedy. Sockets have no idle timer of their own: Node re-arms one around every request.
 */
function exchange(
  send: typeof httpRequest,
  request: RequestOptions,
  body: Buffer,
  deadlines: Deadlines<ClientRequest>,
  mayResend = true,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const answered = (answer: Answer) => {
      deadlines.end(wait);
      if (answer.status >= 200 && answer.status < 300) resolve();
      else reject(errorOf(answer));
    };
    const failed = (error: Error) => {
      deadlines.end(wait);
      reject(error);
    };
    let heard = false;
    const req = send(request, (res: IncomingMessage) => {
      heard = true;
      const status = res.statusCode ?? 0;
      res.once('error', failed);
      if (status >= 200 && status < 300) {
        // Neither the body nor the headers of a success are read: `res.headers` is built on first access.
        res.resume();
        res.once('end', () => answered({ status, errorType: undefined, body: '' }));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        const errorType = res.headers['x-amzn-errortype'];
        answered({
          status,
          // AWS may append `:<url>` to the type name.
          errorType: typeof errorType === 'string' ? errorType.split(':')[0] : undefined,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const wait = deadlines.start(req);
    req.once('error', (error: NodeJS.ErrnoException) => {
      if (mayResend && !heard && req.reusedSocket && STALE_SOCKET_CODES.has(error.code ?? '')) {
        deadlines.end(wait);
        exchange(send, request, body, deadlines, false).then(resolve, reject);
      } else failed(error);
    });
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

/**
 * Given credentials, else the environment's (what Lambda gives a function), else the local gateway's key for a
 * loopback endpoint are used as they are; only the SDK's default chain, loaded on first use, is asked, and
 * awaited, per call.
 */
function credentialsFor(options: ManagementClientOptions): {
  fixed?: ManagementCredentials;
  resolve: () => Promise<ManagementCredentials>;
} {
  const env = options.environment ?? {};
  const fixed =
    options.credentials ??
    environmentCredentials(env) ??
    (isLoopback(options.endpoint) ? LOCAL_CREDENTIALS : undefined);
  if (fixed) return { fixed, resolve: async () => fixed };
  return { resolve: credentialSource(undefined, env) };
}

function isLoopback(endpoint: string): boolean {
  const { hostname } = new URL(endpoint);
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
