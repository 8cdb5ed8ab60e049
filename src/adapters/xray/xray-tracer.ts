import { Utility } from '@aws-lambda-powertools/commons';
import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import type { AwsSdkClient, Fetch, Span, Tracer } from '../../observability/tracing.js';
import { captureAwsCalls } from './capture-aws-client.js';
import { captureFetchCalls } from './capture-fetch.js';
import { daemonAddress } from './daemon-address.js';
import { DaemonSender } from './daemon-sender.js';
import { Subsegment } from './subsegment.js';

/** What the code records on when the invocation is not traced. */
const UNTRACED: Span = {
  annotate: () => undefined,
  putMetadata: () => undefined,
  addAttribute: () => undefined,
  addFlag: () => undefined,
  addError: () => undefined,
  discard: () => undefined,
};

/** Lambda's trace header for this invocation: `Root=…;Parent=…;Sampled=1`, parsed. */
export type TraceData = () => Record<string, string> | undefined;

/** The per-invocation store Lambda's Node.js runtime keeps (AsyncLocalStorage-backed when invocations overlap). */
interface InvokeStore {
  hasContext(): boolean;
  get(key: symbol): unknown;
  set(key: symbol, value: unknown): void;
}
const CURRENT = Symbol('blogapp.xray.invocation');

export interface XRayTracerOptions {
  serviceName: string;
  /** Where the daemon listens, as AWS_XRAY_DAEMON_ADDRESS says it; the default daemon's when unset. */
  daemon?: string | undefined;
  /** The invocation's trace header; Lambda's (its invoke store, or `_X_AMZN_TRACE_ID`) by default. */
  traceData?: TraceData;
  /**
   * Whether this invocation is the environment's first, asked once per invocation; by default Powertools'
   * rule, which the logger's `cold_start` follows too: only an on-demand environment has a cold start.
   */
  coldStart?: () => boolean;
}

/** The trace header's fields a call made inside carries on as they are: all but these three. */
const OWN_FIELDS = new Set(['Root', 'Parent', 'Sampled']);

/**
 * X-Ray tracing without the X-Ray SDK (in maintenance since February 2026, unsupported from February 2027,
 * and a tenth of the API's cold start with the async hooks it puts on every promise): Lambda traces the
 * function itself, and this adds the subsegments Powertools' Tracer added, sent straight to the daemon.
 *
 * Every subsegment hangs off its invocation's, so X-Ray shows them on one timeline. Nesting a DynamoDB call
 * under the fan-out that made it would take async context tracking on every promise, the cost this avoids.
 */
export class XRayTracer implements Tracer {
  readonly #sender: DaemonSender;
  readonly #service: string;
  readonly #traceData: TraceData;
  readonly #coldStart: () => boolean;
  /** The current invocation's subsegment, when the runtime keeps no invoke store. */
  #current: Subsegment | undefined;

  constructor(options: XRayTracerOptions) {
    this.#service = options.serviceName;
    this.#sender = new DaemonSender(daemonAddress(options.daemon));
    this.#traceData = options.traceData ?? (() => getXrayTraceDataFromEnv());
    this.#coldStart = options.coldStart ?? powertoolsColdStart();
  }

  async invocation<T>(name: string, work: () => Promise<T>): Promise<T> {
    const coldStart = this.#coldStart();
    const trace = this.#traceData();
    if (!trace?.Root || !trace.Parent || trace.Sampled !== '1') return work();
    const additionalTraceData = Object.entries(trace)
      .filter(([field]) => !OWN_FIELDS.has(field))
      .map(([field, value]) => `${field}=${value}`)
      .join(';');
    const parent = { traceId: trace.Root, parentId: trace.Parent, additionalTraceData };
    const subsegment = new Subsegment(name, parent, this.#service);
    subsegment.annotate('ColdStart', coldStart);
    subsegment.annotate('Service', this.#service);
    this.#setCurrent(subsegment);
    try {
      return await this.#run(subsegment, () => work());
    } finally {
      this.#setCurrent(undefined);
    }
  }

  subsegment<T>(name: string, work: (span: Span) => Promise<T>): Promise<T> {
    const parent = this.#getCurrent();
    if (!parent) return work(UNTRACED);
    const { trace_id: traceId, id: parentId } = parent.document;
    const { additionalTraceData } = parent;
    const subsegment = new Subsegment(name, { traceId, parentId, additionalTraceData }, this.#service);
    return this.#run(subsegment, () => work(subsegment));
  }

  captureAwsClient<C extends AwsSdkClient>(client: C): C {
    return captureAwsCalls(client, (service, call) => this.subsegment(service, call));
  }

  captureFetch(fetch: Fetch): Fetch {
    return captureFetchCalls(fetch, (host, call) => this.subsegment(host, call));
  }

  /** Lets go of the daemon's socket (tests); a function's process simply ends. */
  close(): void {
    this.#sender.close();
  }

  async #run<T>(subsegment: Subsegment, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!subsegment.hasCause) subsegment.addError(error);
      throw error;
    } finally {
      const document = subsegment.close();
      if (!subsegment.discarded) this.#sender.send(document);
    }
  }

  #getCurrent(): Subsegment | undefined {
    const store = invokeStore();
    return store ? (store.get(CURRENT) as Subsegment | undefined) : this.#current;
  }

  #setCurrent(subsegment: Subsegment | undefined): void {
    const store = invokeStore();
    if (store) store.set(CURRENT, subsegment);
    else this.#current = subsegment;
  }
}

function invokeStore(): InvokeStore | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: InvokeStore } }).awslambda?.InvokeStore;
  return store?.hasContext() ? store : undefined;
}

/** Powertools' own cold start rule (its `Utility`, whose getter is protected): the logger's, so both agree. */
function powertoolsColdStart(): () => boolean {
  const utility = new (class extends Utility {
    readonly next = () => this.getColdStart();
  })();
  return utility.next;
}
