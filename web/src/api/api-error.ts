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
    error instanceof TypeError
      ? 'The API could not be reached. Is the stack running?'
      : // Other errors are written for the reader (the sign-in modules'): their message, without "Error: ".
        error instanceof Error
        ? error.message
        : String(error);
  return new ApiError(0, 'network', message);
}

/** Reads an error response; bodies that are not the contract's shape (a proxy's HTML page) still give a message. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: errorFromBody falls back to the status line
  }
  return errorFromBody(response.status, body, response.headers.get('x-request-id'));
}

/** An error answer's parsed body as an ApiError; anything but the contract's shape gives the status line. */
export function errorFromBody(status: number, body: unknown, requestId: string | null): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string' && error.code && error.message) {
    const details = Array.isArray(error.details) ? (error.details as FieldIssue[]) : [];
    return new ApiError(status, error.code, error.message, details, requestId);
  }
  return new ApiError(status, 'http_error', `The server answered ${status}.`, [], requestId);
}
