import type { ApiError } from '../api/api-error';

interface Props {
  error: ApiError;
  onRetry?: () => void;
}

/** An API error as the contract sent it: the message, every field issue, and the request id to report. */
export function ErrorNotice({ error, onRetry }: Props) {
  return (
    <div class="notice error" role="alert">
      <p>{error.message}</p>
      {error.details.length > 0 && (
        <ul>
          {error.details.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <strong>{issue.field}</strong>: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && <p class="muted small">Request id: {error.requestId}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
