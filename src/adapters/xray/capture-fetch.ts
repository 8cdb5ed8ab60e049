import { type Fetch, flagStatus, type Span } from '../../observability/tracing.js';
import { Subsegment } from './subsegment.js';

type OpenSubsegment = <T>(name: string, work: (span: Span) => Promise<T>) => Promise<T>;

/**
 * A `fetch` whose requests are subsegments as Powertools' Tracer recorded them (from undici's diagnostics
 * channel): named after the host, namespace `remote`, the URL without its query and the method, the status
 * and length of the answer with X-Ray's flags, and the trace header sent along; a request that gets no answer
 * is a remote error.
 */
export function captureFetchCalls(fetch: Fetch, open: OpenSubsegment): Fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    return open(url.hostname, async (span) => {
      span.addAttribute('namespace', 'remote');
      const request = { url: `${url.protocol}//${url.hostname}${url.pathname}`, method };
      span.addAttribute('http', { request });
      // A Request's own headers stay as they are: giving `init` headers would replace them.
      const traced =
        span instanceof Subsegment && !(input instanceof Request)
          ? { ...init, headers: withHeader(init?.headers, 'X-Amzn-Trace-Id', span.traceHeader) }
          : init;
      try {
        const response = await fetch(input, traced);
        const length = response.headers.get('content-length');
        span.addAttribute('http', {
          request,
          response: {
            status: response.status,
            ...(length !== null ? { content_length: Number.parseInt(length, 10) } : {}),
          },
        });
        flagStatus(span, response.status);
        return response;
      } catch (error) {
        span.addFlag('error');
        span.addError(error, true);
        throw error;
      }
    });
  };
}

function withHeader(headers: RequestInit['headers'], name: string, value: string): Headers {
  const copy = new Headers(headers);
  copy.set(name, value);
  return copy;
}
