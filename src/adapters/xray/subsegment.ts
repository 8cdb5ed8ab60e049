import { randomBytes } from 'node:crypto';
import type { Span } from '../../observability/tracing.js';

/** A subsegment document as X-Ray's daemon takes it, sent on its own (`type: subsegment`). */
export interface SubsegmentDocument {
  type: 'subsegment';
  id: string;
  trace_id: string;
  parent_id: string;
  name: string;
  start_time: number;
  end_time?: number;
  namespace?: unknown;
  aws?: unknown;
  http?: unknown;
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, Record<string, unknown>>;
  error?: true;
  fault?: true;
  throttle?: true;
  cause?: { working_directory: string; exceptions: CapturedException[] };
}

interface CapturedException {
  id: string;
  message: string;
  type: string;
  remote: boolean;
  stack: { path: string; line: number; label: string }[];
}

/** X-Ray's ids: 16 hex digits. */
export const newId = () => randomBytes(8).toString('hex');

const seconds = () => Date.now() / 1000;

/** One open subsegment: what the code records on it, then the document sent when it closes. */
export class Subsegment implements Span {
  readonly document: SubsegmentDocument;
  readonly additionalTraceData: string;
  #discarded = false;

  constructor(
    name: string,
    parent: {
      traceId: string;
      parentId: string;
      /** The invocation header's other fields (`Lineage=…`), carried on to calls made inside. */
      additionalTraceData?: string | undefined;
    },
    private readonly service: string,
  ) {
    this.additionalTraceData = parent.additionalTraceData ?? '';
    this.document = {
      type: 'subsegment',
      id: newId(),
      trace_id: parent.traceId,
      parent_id: parent.parentId,
      name,
      start_time: seconds(),
    };
  }

  get id(): string {
    return this.document.id;
  }

  /** The `X-Amzn-Trace-Id` a call made inside this subsegment carries, so the callee's segments join the trace. */
  get traceHeader(): string {
    const additional = this.additionalTraceData ? `;${this.additionalTraceData}` : '';
    return `Root=${this.document.trace_id};Parent=${this.id};Sampled=1${additional}`;
  }

  get discarded(): boolean {
    return this.#discarded;
  }

  get hasCause(): boolean {
    return this.document.cause !== undefined;
  }

  annotate(key: string, value: string | number | boolean): void {
    this.document.annotations = { ...this.document.annotations, [key]: value };
  }

  putMetadata(key: string, value: unknown): void {
    this.document.metadata ??= {};
    const metadata = this.document.metadata;
    metadata[this.service] = { ...metadata[this.service], [key]: value };
  }

  addAttribute(name: 'namespace' | 'aws' | 'http', value: unknown): void {
    this.document[name] = value;
  }

  addFlag(flag: 'error' | 'fault' | 'throttle'): void {
    this.document[flag] = true;
  }

  addError(error: unknown, remote = false): void {
    this.document.fault = true;
    this.document.cause ??= { working_directory: process.cwd(), exceptions: [] };
    this.document.cause.exceptions.unshift(captured(error, remote));
  }

  discard(): void {
    this.#discarded = true;
  }

  close(): SubsegmentDocument {
    this.document.end_time = seconds();
    return this.document;
  }
}

/** An error as X-Ray's SDK captures one: message, type and the stack's frames. */
function captured(error: unknown, remote: boolean): CapturedException {
  const { message, name, stack } =
    typeof error === 'object' && error !== null ? (error as Partial<Error>) : {};
  return {
    id: newId(),
    message: typeof message === 'string' ? message : String(error),
    type: typeof name === 'string' ? name : '',
    remote,
    stack: typeof stack === 'string' ? frames(stack) : [],
  };
}

/** `    at label (path:line:column)` or `    at path:line:column`, the frames of a V8 stack. */
function frames(stack: string): CapturedException['stack'] {
  return stack
    .split('\n')
    .slice(1)
    .map((line) => {
      const text = line.trim().replace(/^at /, '');
      const open = text.lastIndexOf(' (');
      const label = open >= 0 ? text.slice(0, open) : 'anonymous';
      const location = open >= 0 ? text.slice(open + 2, -1) : text;
      const [path = location, lineNumber = ''] = location.split(/:(?=\d+(?::\d+)?$)/);
      return { path, line: Number.parseInt(lineNumber, 10), label };
    });
}
