import { errorFromResponse } from './api-error';

export interface HttpOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the signed-in user's token (only where the route needs or benefits from it). */
  auth?: boolean;
  /** A token to try instead of the session's (signing in); its 401 is the caller's to report. */
  token?: string;
}

export interface HttpClient {
  /** JSON in, JSON out; throws ApiError for any non-2xx answer. */
  call<T>(method: string, path: string, options?: HttpOptions): Promise<{ data: T; headers: Headers }>;
}

export interface HttpClientOptions {
  baseUrl: string;
  token: () => string | null;
  /** Told when a request that carried a token got 401, i.e. the token expired or was revoked. */
  onUnauthorized: () => void;
}

export function createHttpClient({ baseUrl, token, onUnauthorized }: HttpClientOptions): HttpClient {
  return {
    async call<T>(method: string, path: string, options: HttpOptions = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      const bearer = options.auth === false ? null : (options.token ?? token());
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      if (!response.ok) {
        if (response.status === 401 && bearer && !options.token) onUnauthorized();
        throw await errorFromResponse(response);
      }
      const data = (response.status === 204 ? null : await response.json()) as T;
      return { data, headers: response.headers };
    },
  };
}
