/**
 * Tracing as the code sees it: subsegments of the Lambda invocation's X-Ray trace, with X-Ray's fields. The
 * implementation (src/adapters/xray) sends them to the X-Ray daemon; locally there is no tracer at all.
 */
export interface Span {
  /** Indexed, searchable in X-Ray's console (`annotation.ColdStart = true`). */
  annotate(key: string, value: string | number | boolean): void;
  /** Kept with the subsegment, not indexed: under the service's name, as Powertools' Tracer files it. */
  putMetadata(key: string, value: unknown): void;
  /** A field of the subsegment document as X-Ray defines it (`namespace`, `aws`, `http`). */
  addAttribute(name: 'namespace' | 'aws' | 'http', value: unknown): void;
  /** A 4xx answer (`error`), a 5xx (`fault`), a throttled call (`throttle`). */
  addFlag(flag: 'error' | 'fault' | 'throttle'): void;
  /** The error as the subsegment's cause (and a fault); `remote` when another service answered with it. */
  addError(error: unknown, remote?: boolean): void;
  /** Sends nothing for this subsegment: what it timed turned out not to be a call (a presigned URL). */
  discard(): void;
}

export interface Tracer {
  /**
   * Runs one Lambda invocation in its own subsegment of the function's trace, annotated with cold start and
   * service, the parent of every other subsegment the invocation opens. As is when the invocation is not
   * traced (no trace header, or not sampled).
   */
  invocation<T>(name: string, work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a subsegment of the current invocation's; an error it lets out is recorded unless `work`
   * recorded one itself. Outside a traced invocation `work` gets a span that records nothing.
   */
  subsegment<T>(name: string, work: (span: Span) => Promise<T>): Promise<T>;
  /** An AWS SDK v3 client whose every call is a subsegment, as X-Ray's own instrumentation records one. */
  captureAwsClient<C extends AwsSdkClient>(client: C): C;
  /** A `fetch` whose every request is a subsegment named after its host, as Powertools' Tracer records one. */
  captureFetch(fetch: Fetch): Fetch;
}

export type Fetch = typeof globalThis.fetch;

/** X-Ray's flags for an HTTP answer: throttled (429), error (4xx), fault (5xx). */
export function flagStatus(span: Span, status: number | undefined): void {
  if (!status) return;
  if (status === 429) span.addFlag('throttle');
  if (status >= 400 && status < 500) span.addFlag('error');
  else if (status >= 500 && status < 600) span.addFlag('fault');
}

/** What capturing needs of an AWS SDK v3 client: its middleware stack and configured region. */
export interface AwsSdkClient {
  middlewareStack: { add(middleware: never, options: never): void; remove(name: never): unknown };
  config: { region: () => Promise<string> };
}
