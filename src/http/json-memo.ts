/**
 * The JSON text of records read far more often than they change (a post as the public reads it), kept per
 * id and reused while the record is the same: every field the same value, in the same order. Serialising
 * the answer was the largest piece of our own CPU on the read routes (about a quarter of a warm GET of
 * 20 posts on the local server, profiled); comparing a view's dozen fields against the last one's costs a
 * small part of that. The text reused is always the one `JSON.stringify` gave for equal values, so the
 * answer is the same bytes whatever the cache holds: a viewer's own fields (`favoritedByMe`) are fields
 * like any other, and a view differing in any of them is a miss, never another viewer's text.
 *
 * Only flat records are kept: fields of primitives or arrays of primitives, which a snapshot can hold by
 * value. Anything else is serialised every time.
 */

type Field = string | number | boolean | null | undefined;
type Value = Field | readonly Field[];

interface Entry {
  keys: string[];
  /** The record's values when serialised; arrays copied, so a later change to the record cannot reach them. */
  values: Value[];
  json: string;
}

/** Serialises records with an `id`, reusing the text of one seen before while it is the same. */
export interface JsonMemo {
  /** `JSON.stringify(record)`. */
  record(record: { readonly id: string }): string;
  /** `JSON.stringify(page)`, its `items` through `record`. */
  page(page: { readonly items: readonly { readonly id: string }[] }): string;
}

/**
 * A memo keeping the text of the ids last seen, up to `maxChars` of text in all (their snapshots hold about
 * as much again, mostly the very strings the records held).
 */
export function jsonMemo(maxChars: number): JsonMemo {
  // Oldest first (a Map keeps insertion order), so the first entries are the ones to drop.
  const entries = new Map<string, Entry>();
  let chars = 0;
  const forget = (id: string, entry: Entry) => {
    entries.delete(id);
    chars -= entry.json.length;
  };

  const record = (value: { readonly id: string }): string => {
    const fields = value as unknown as Record<string, unknown>;
    const known = entries.get(value.id);
    if (known && sameFields(known, fields)) return known.json;
    if (known) forget(value.id, known);
    const json = JSON.stringify(value);
    const entry = json.length <= maxChars ? snapshot(fields, json) : undefined;
    if (entry && typeof value.id === 'string') {
      for (const [id, oldest] of entries) {
        if (chars + json.length <= maxChars) break;
        forget(id, oldest);
      }
      entries.set(value.id, entry);
      chars += json.length;
    }
    return json;
  };

  const page: JsonMemo['page'] = (value) => {
    // As JSON.stringify writes an object: its own keys in order, fields it cannot write (undefined,
    // functions, symbols) left out.
    let json = '{';
    for (const key in value) {
      const field = (value as unknown as Record<string, unknown>)[key];
      const text = key === 'items' ? `[${value.items.map(record).join(',')}]` : JSON.stringify(field);
      if (text === undefined) continue;
      json += `${json.length > 1 ? ',' : ''}${JSON.stringify(key)}:${text}`;
    }
    return `${json}}`;
  };

  return { record, page };
}

function isField(value: unknown): value is Field {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function snapshot(fields: Record<string, unknown>, json: string): Entry | undefined {
  if (Object.getPrototypeOf(fields) !== Object.prototype) return undefined;
  const keys: string[] = [];
  const values: Value[] = [];
  for (const key in fields) {
    const field = fields[key];
    if (isField(field)) values.push(field);
    else if (Array.isArray(field) && field.every(isField)) values.push(field.slice());
    else return undefined;
    keys.push(key);
  }
  return { keys, values, json };
}

function sameFields(entry: Entry, fields: Record<string, unknown>): boolean {
  const { keys, values } = entry;
  let i = 0;
  for (const key in fields) {
    if (keys[i] !== key) return false;
    const was = values[i];
    const now = fields[key];
    if (was !== now && !(Array.isArray(was) && Array.isArray(now) && sameItems(was, now))) return false;
    i++;
  }
  return i === keys.length && Object.getPrototypeOf(fields) === Object.prototype;
}

function sameItems(was: readonly Field[], now: readonly unknown[]): boolean {
  if (was.length !== now.length) return false;
  for (let i = 0; i < was.length; i++) if (was[i] !== now[i]) return false;
  return true;
}
