/**
 * The Request Hono is handed on the Lambda door. What the app reads of a request (url, method, headers, and
 * a JSON or text body) is served directly; anything else (a clone, the signal, form data...) by a real
 * Request built on first need, since Node's Request is undici's and its first use loads all of undici (about
 * 20 ms of a cold start's CPU and 3 MiB of RSS). @hono/node-server's lightweight Request, the same idea over
 * a socket, cannot be reused: its module reads the global fetch classes when it loads, which loads undici.
 */
import type { LightHeaders } from './light-headers.js';

const decoder = new TextDecoder();

export class LightRequest {
  readonly #bytes: Uint8Array | undefined;
  #bodyRead = false;
  #stream: ReadableStream<Uint8Array> | undefined;
  #real: Request | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: LightHeaders,
    bytes: Uint8Array | undefined,
  ) {
    if (bytes && (method === 'GET' || method === 'HEAD'))
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    this.#bytes = bytes;
  }

  bytes(): Promise<Uint8Array> {
    if (this.#real) return this.#real.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    return this.#take().then((bytes) => bytes.slice());
  }

  text(): Promise<string> {
    if (this.#real) return this.#real.text();
    return this.#take().then((bytes) => decoder.decode(bytes));
  }

  json(): Promise<unknown> {
    if (this.#real) return this.#real.json();
    return this.text().then(JSON.parse);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#real) return this.#real.arrayBuffer();
    return this.#take().then((bytes) => bytes.slice().buffer);
  }

  get bodyUsed(): boolean {
    return this.#real ? this.#real.bodyUsed : this.#bodyRead;
  }

  /**
   * The body as a stream of its own (web streams are not undici's): Hono's body limit asks whether there
   * is one before it looks at content-length, and a real Request just to answer that would load undici.
   */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#real) return this.#real.body;
    const bytes = this.#bytes;
    if (!bytes) return null;
    // Pulled only when read (no high-water mark), so reading it is what uses the body up.
    this.#stream ??= new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          this.#bodyRead = true;
          controller.enqueue(bytes.slice());
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return this.#stream;
  }

  get signal(): AbortSignal {
    return this.#toReal().signal;
  }

  blob(): Promise<Blob> {
    return this.#toReal().blob();
  }

  formData(): Promise<FormData> {
    return this.#toReal().formData();
  }

  clone(): Request {
    return this.#toReal().clone();
  }

  get [Symbol.toStringTag](): string {
    return 'Request';
  }

  #take(): Promise<Uint8Array> {
    if (this.#bodyRead || this.#stream?.locked)
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#bodyRead = true;
    this.#stream?.cancel().catch(() => {});
    return Promise.resolve(this.#bytes ?? new Uint8Array());
  }

  /** The real Request, built once; a body already read here is read there too, so it stays used. */
  #toReal(): Request {
    if (!this.#real) {
      this.#real = new Request(this.url, {
        method: this.method,
        headers: this.headers,
        body: this.#bytes ?? null,
      });
      if (this.#bodyRead) this.#real.arrayBuffer().catch(() => {});
    }
    return this.#real;
  }
}
