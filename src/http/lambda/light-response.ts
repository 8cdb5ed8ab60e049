/**
 * The Response Hono builds on the Lambda door: Hono calls the global `new Response(...)` for every answer,
 * and Node's Response is undici's, whose first use loads all of undici (about 20 ms of a cold start's CPU
 * and 3 MiB of RSS). This class keeps an answer with a text, bytes or empty body as given (status, a header
 * record or LightHeaders, the body) for the door to read back directly; anything else it is asked for (a
 * stream body, `text()`, `clone()`...) is served by a real Response built on first need. The idea is
 * @hono/node-server's own lightweight Response, which cannot be reused here: its module reads the global
 * Headers, Request and Response when it loads, which is exactly what loads undici.
 */
import { KEPT_VALUE, LightHeaders, LOWER_TOKEN } from './light-headers.js';

export type LightBody = string | Uint8Array | null;

/**
 * An answer as the door reads it, its headers either as a Headers iterates them (lower-case names, each
 * once but for set-cookie) or as the record the app gave (lower-case names, each once), never both.
 */
export type AnswerParts = { status: number; body: LightBody } & (
  | { headers: [string, string][]; record?: undefined }
  | { record: Record<string, string>; headers?: undefined }
);

const TEXT_PLAIN = 'text/plain;charset=UTF-8';
/** Statuses whose answer cannot carry a body, as the web Response refuses them. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

let realResponse: (() => typeof Response) | undefined;

/**
 * Makes `Response` this class for the whole process (Lambda runs only this app). The real class stays
 * reachable, loaded at first need, through the lazy getter Node defines for it.
 */
export function installLightResponse(): void {
  // Read through its descriptor: reading `globalThis.Response` itself would load undici.
  const original = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (original?.value === LightResponse) return;
  const install = () =>
    Object.defineProperty(globalThis, 'Response', {
      value: LightResponse,
      writable: true,
      configurable: true,
    });
  let loaded: typeof Response | undefined;
  realResponse = () => {
    if (loaded) return loaded;
    // Node's getter replaces itself on globalThis with the class it loads: put ours back.
    loaded = (original?.get ? original.get.call(globalThis) : original?.value) as typeof Response;
    install();
    return loaded;
  };
  install();
}

function real(): typeof Response {
  if (!realResponse) throw new Error('LightResponse is used before installLightResponse()');
  return realResponse();
}

/** A Response that is not one of ours, told by its tag so that asking does not load undici. */
function isRealResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object Response]' &&
    !LightResponse.isLight(value) &&
    value instanceof real()
  );
}

/** `headers` as given when it is a record the door can read as is (as `answerJson` builds), else undefined. */
function keptRecord(headers: unknown): Record<string, string> | undefined {
  if (typeof headers !== 'object' || headers === null || Object.getPrototypeOf(headers) !== Object.prototype)
    return undefined;
  const record = headers as Record<string, unknown>;
  for (const name in record) {
    const value = record[name];
    if (typeof value !== 'string' || !LOWER_TOKEN.test(name) || !KEPT_VALUE.test(value)) return undefined;
  }
  return record as Record<string, string>;
}

export class LightResponse {
  readonly #status: number = 200;
  readonly #statusText: string = '';
  readonly #body: LightBody = null;
  /** The headers as given (not copied: the door reads them as soon as the app answers), until asked for. */
  #record: Record<string, string> | undefined;
  #headers: LightHeaders | undefined;
  #real: Response | undefined;

  constructor(body?: ConstructorParameters<typeof Response>[0], init?: ResponseInit | Response) {
    const light =
      body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    if (!light || isRealResponse(init)) {
      this.#real = new (real())(body, init as ResponseInit);
      return;
    }
    this.#body =
      typeof body === 'string' || body === undefined || body === null ? (body ?? null) : new Uint8Array(body);
    if (init instanceof LightResponse) {
      // Through the getters: a LightResponse that wraps a real one (a stream body) keeps its status there.
      this.#status = init.status;
      this.#statusText = init.statusText;
      this.#headers = this.#typed(new LightHeaders(init.headers));
    } else if (init) {
      this.#status = init.status ?? 200;
      this.#statusText = init.statusText ?? '';
      this.#record = keptRecord(init.headers);
      if (!this.#record && init.headers) this.#headers = this.#typed(new LightHeaders(init.headers as never));
    }
    if (!Number.isInteger(this.#status) || this.#status < 200 || this.#status > 599)
      throw new RangeError(`Response status must be in the range of 200 to 599, not ${this.#status}.`);
    if (this.#body !== null && NULL_BODY_STATUSES.has(this.#status))
      throw new TypeError(`A response with status ${this.#status} cannot have a body.`);
  }

  /** Whether `value` is one of ours (checked without loading undici). */
  static isLight(value: unknown): value is LightResponse {
    return typeof value === 'object' && value !== null && #status in value;
  }

  /** An answer's status, headers and body when it is light, or undefined when a real Response holds it. */
  static partsOf(response: unknown): AnswerParts | undefined {
    if (!LightResponse.isLight(response) || response.#real) return undefined;
    const { status } = response;
    const record = response.#record;
    if (!record) return { status, headers: [...response.headers], body: response.#body };
    const typed =
      typeof response.#body === 'string' && !('content-type' in record)
        ? { ...record, 'content-type': TEXT_PLAIN }
        : record;
    return { status, record: typed, body: response.#body };
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return LightResponse.isLight(value) || isRealResponse(value);
  }

  static json(data: unknown, init?: ResponseInit): Response {
    return real().json(data, init);
  }

  static error(): Response {
    return real().error();
  }

  static redirect(url: string | URL, status: Parameters<typeof Response.redirect>[1] = 302): Response {
    return real().redirect(url, status);
  }

  get status(): number {
    return this.#real ? this.#real.status : this.#status;
  }

  get statusText(): string {
    return this.#real ? this.#real.statusText : this.#statusText;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get headers(): Headers {
    if (this.#real) return this.#real.headers;
    if (!this.#headers) {
      this.#headers = this.#typed(new LightHeaders(this.#record));
      this.#record = undefined;
    }
    return this.#headers;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.#real && this.#body === null) return null;
    return this.#toReal().body;
  }

  get bodyUsed(): boolean {
    return this.#real ? this.#real.bodyUsed : false;
  }

  get type(): Response['type'] {
    return this.#real ? this.#real.type : 'default';
  }

  get url(): string {
    return this.#real ? this.#real.url : '';
  }

  get redirected(): boolean {
    return this.#real ? this.#real.redirected : false;
  }

  text(): Promise<string> {
    return this.#toReal().text();
  }

  json(): Promise<unknown> {
    return this.#toReal().json();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#toReal().arrayBuffer();
  }

  blob(): Promise<Blob> {
    return this.#toReal().blob();
  }

  formData(): Promise<FormData> {
    return this.#toReal().formData();
  }

  clone(): Response {
    return this.#toReal().clone();
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }

  /** `headers` with the content type a web Response gives a text body that names none. */
  #typed(headers: LightHeaders): LightHeaders {
    if (typeof this.#body === 'string' && !headers.has('content-type'))
      headers.set('content-type', TEXT_PLAIN);
    return headers;
  }

  /** The real Response this one stands for, built once; from then on it answers for both. */
  #toReal(): Response {
    if (!this.#real) {
      const init = { status: this.#status, statusText: this.#statusText, headers: this.headers };
      this.#real = new (real())(this.#body, init);
    }
    return this.#real;
  }
}
