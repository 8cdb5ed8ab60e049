import type { RequestLine, RequestSummary } from '../http/middleware/request-log.js';

const ANSI = { reset: '\u001b[0m', dim: '\u001b[2m', bold: '\u001b[1m' } as const;
const STATUS_COLOURS: readonly [number, string][] = [
  [500, '\u001b[31m'], // red: ours to fix
  [400, '\u001b[33m'], // yellow: the caller's
  [300, '\u001b[36m'], // cyan
  [200, '\u001b[32m'], // green
];

/**
 * One readable line per request for the local stack's terminal — time, method, path, status, duration,
 * request id, user — where AWS keeps the JSON entry Logs Insights queries. Colour only where it will render.
 */
export function formatRequestLine(summary: RequestSummary, options: { colour: boolean; at?: Date }): string {
  const paint = (code: string, text: string) => (options.colour ? `${code}${text}${ANSI.reset}` : text);
  const time = (options.at ?? new Date()).toISOString().slice(11, 23);
  const statusColour = STATUS_COLOURS.find(([floor]) => summary.status >= floor)?.[1] ?? '';
  return [
    paint(ANSI.dim, time),
    paint(ANSI.bold, summary.method.padEnd(6)),
    summary.path,
    paint(statusColour, String(summary.status)),
    `${summary.durationMs.toFixed(1)}ms`,
    paint(ANSI.dim, `id=${summary.requestId}`),
    summary.user ? `user=${summary.user}` : paint(ANSI.dim, 'anonymous'),
  ].join(' ');
}

/** Writes each request's line to `out` (the terminal of `make local`), coloured when `out` shows colour. */
export function terminalRequestLines(
  out: Pick<NodeJS.WriteStream, 'write'> & { hasColors?: () => boolean },
): RequestLine {
  const colour = out.hasColors?.() ?? false;
  return (summary) => {
    out.write(`${formatRequestLine(summary, { colour })}\n`);
  };
}
