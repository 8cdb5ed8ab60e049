import type { FieldIssue } from './types';

/** A failed call, carrying the contract's `{error: {code, message, details}}` so the UI can show it as sent. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** The issue the API reported for one form field, if any. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((issue) => issue.field === field)?.message;
  }
}

/** Any thrown value as an ApiError, so every error state renders the same way. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // fetch rejects with a TypeError when the server cannot be reached at all.
  const message =
    error instanceof TypeError ? 'The API could not be reached. Is the stack running?' : String(error);
  return new ApiError(0, 'network', message);
}

/** Reads an error response; bodies that are not the contract's shape (a proxy's HTML page) still give a message. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id');
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error?.code && body.error.message) {
      const details = Array.isArray(body.error.details) ? (body.error.details as FieldIssue[]) : [];
      return new ApiError(response.status, body.error.code, body.error.message, details, requestId);
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiError(
    response.status,
    'http_error',
    `The server answered ${response.status}.`,
    [],
    requestId,
  );
}
