/**
 * A Headers of our own for the Lambda door's requests and answers: the same names, values and errors as the
 * web Headers, kept in a Map. Node's Headers is undici's, and the first use of any of its fetch classes
 * loads all of undici (about 20 ms of a cold start's CPU and 3 MiB of RSS); a Lambda answer never needs
 * the rest of undici, so the door works with these and builds a real Headers only where one is asked for
 * (a real Request or Response built from ours copies them by iteration).
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A name already as Headers keeps it (HTTP API events send lower-case names). */
export const LOWER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
/** A value Headers keeps unchanged: one-byte characters, no NUL/CR/LF, no whitespace at either end. */
export const KEPT_VALUE = /^(?:[!-~\x80-\xff](?:[\t -~\x80-\xff]*[!-~\x80-\xff])?)?$/;
/** NUL, CR and LF are refused in a value, as are characters beyond one byte (a ByteString). */
const BAD_VALUE = /[\0\r\n]|[^\0-\xff]/;

/** A header name, lower-cased, or a TypeError as the web Headers throws for a name it refuses. */
export function headerName(name: string): string {
  if (LOWER_TOKEN.test(name)) return name;
  if (!TOKEN.test(name)) throw new TypeError(`Invalid header name: "${name}"`);
  return name.toLowerCase();
}

/** A header value as Headers keeps it (outer whitespace trimmed), or a TypeError for one it refuses. */
export function headerValue(name: string, value: string): string {
  if (KEPT_VALUE.test(value)) return value;
  const trimmed = trimHttpWhitespace(String(value));
  if (BAD_VALUE.test(trimmed)) throw new TypeError(`Invalid value for header "${name}"`);
  return trimmed;
}

/**
 * Without the tabs, spaces, CRs and LFs at either end, as Headers normalizes a value. A loop rather than a
 * `/[\t\n\r ]+$/` regex, which is tried from every position of a long run of whitespace: quadratic in it,
 * so a header of 10 KiB of spaces and a control character cost a request ~100 ms.
 */
function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

const isHttpWhitespace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** One name's values as one value: cookies with "; " (what undici's Headers does), others with ", ". */
const joined = (name: string, values: string[]) => values.join(name === 'cookie' ? '; ' : ', ');

type Pairs = Iterable<readonly [string, string]> | Record<string, string | readonly string[]>;

export class LightHeaders implements Headers {
  /** Lower-case name → its values in the order given; iteration sorts names as the web Headers does. */
  readonly #values = new Map<string, string[]>();

  constructor(init?: Pairs | Headers | null) {
    if (!init) return;
    if (Symbol.iterator in init) {
      for (const [name, value] of init as Iterable<readonly [string, string]>) this.append(name, value);
      return;
    }
    for (const [name, value] of Object.entries(init)) {
      if (typeof value === 'string') this.append(name, value);
      else for (const one of value) this.append(name, one);
    }
  }

  append(name: string, value: string): void {
    const key = headerName(name);
    const values = this.#values.get(key);
    const kept = headerValue(name, value);
    if (values) values.push(kept);
    else this.#values.set(key, [kept]);
  }

  set(name: string, value: string): void {
    this.#values.set(headerName(name), [headerValue(name, value)]);
  }

  delete(name: string): void {
    this.#values.delete(headerName(name));
  }

  get(name: string): string | null {
    const key = headerName(name);
    const values = this.#values.get(key);
    return values ? joined(key, values) : null;
  }

  has(name: string): boolean {
    return this.#values.has(headerName(name));
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  /** Names in order, each once with its values joined, but every set-cookie on its own, as the spec sorts. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name) ?? [];
      if (name === 'set-cookie') for (const value of values) yield [name, value];
      else yield [name, joined(name, values)];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}
