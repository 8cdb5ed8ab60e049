import { type ApiError, errorFromBody } from './api-error';
import { type ApiClient, createApiClient } from './typed-client';

/** The typed API client twice: one that sends the session's token, one that sends only what a call gives. */
export interface HttpClient {
  /** Sends the signed-in user's token when there is one; a 401 to it means the session ended. */
  session: ApiClient;
  /** Sends no token of its own (health, dev tokens, trying a token before signing in with it). */
  anonymous: ApiClient;
}

export interface HttpClientOptions {
  baseUrl: string;
  token: () => string | null;
  /** Told when a request that carried the session's token got 401, i.e. the token expired or was revoked. */
  onUnauthorized: () => void;
}

export function createHttpClient({ baseUrl, token, onUnauthorized }: HttpClientOptions): HttpClient {
  const session = createApiClient({ baseUrl, headers: { accept: 'application/json' } });
  session.use({
    onRequest({ request }) {
      const bearer = token();
      if (bearer && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${bearer}`);
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && request.headers.has('authorization')) onUnauthorized();
    },
  });
  return { session, anonymous: createApiClient({ baseUrl, headers: { accept: 'application/json' } }) };
}

/** An answer of the typed client: its data on success, else the contract's error as an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; headers: Headers }> {
  const { data, error, response } = await call;
  if (!response.ok) throw errorOf(response, error);
  return { data: data as T, headers: response.headers };
}

function errorOf(response: Response, body: unknown): ApiError {
  return errorFromBody(response.status, body, response.headers.get('x-request-id'));
}
