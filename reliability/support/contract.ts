import type { ErrorCode } from '../../src/domain/shared/errors.js';
import { statusOf } from '../../src/http/error-response.js';
import type { Answer } from './http.js';

/**
 * What must never reach a client: stack frames, source paths, SDK and storage names, raw exception text.
 * Checked against every error body the suites see.
 */
const INTERNALS = [
  /\bat [\w.<>]+ \(/, // a stack frame
  /\.(?:ts|js|mjs|cjs):\d+/, // file:line
  /node_modules|\/src\/|\/work\//,
  /\b(?:TypeError|ReferenceError|SyntaxError|RangeError)\b/,
  /dynalite|DynamoDB|ConditionalCheckFailed|ValidationException|ResourceNotFoundException|AWS SDK/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/,
];

/** Every way `answer` breaks the contract's error rules; empty when it is a well-formed answer. */
export function errorShapeViolations(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status === 0) return [`no answer (${answer.failure}) after ${Math.round(answer.ms)} ms`];
  for (const pattern of INTERNALS) {
    if (pattern.test(answer.text))
      problems.push(`body leaks internals (${pattern}): ${answer.text.slice(0, 200)}`);
  }
  if (answer.status < 400) return problems;
  const body = answer.body as { error?: Record<string, unknown> } | null;
  const error = body && typeof body === 'object' ? body.error : undefined;
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  if (!error || typeof error !== 'object' || keys.length !== 1) {
    problems.push(`status ${answer.status} without the error shape: ${answer.text.slice(0, 200)}`);
    return problems;
  }
  const extra = Object.keys(error).filter((key) => !['code', 'message', 'details'].includes(key));
  if (extra.length > 0) problems.push(`error has extra keys ${extra.join(',')}`);
  if (typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '') {
    problems.push(`error without a code and message: ${answer.text.slice(0, 200)}`);
    // The one code → status table (CONTRACT.md, "Conventions"); a code outside it has no status and is reported.
  } else if (statusOf[error.code as ErrorCode] !== answer.status) {
    problems.push(`code ${error.code} with status ${answer.status}`);
  }
  if (error.code === 'validation_error' && !Array.isArray(error.details)) {
    problems.push('validation_error without details naming the fields');
  }
  if ((answer.status === 429 || answer.status === 503) && !answer.headers.get('retry-after')) {
    problems.push(`${answer.status} without Retry-After`);
  }
  if (!answer.headers.get('x-request-id')) problems.push('no x-request-id');
  return problems;
}

/** A one-line description of a request, for violation messages. */
export function describe(method: string, path: string, extra?: unknown): string {
  const tail = extra === undefined ? '' : ` ${JSON.stringify(extra).slice(0, 300)}`;
  return `${method} ${path.slice(0, 200)}${tail}`;
}
