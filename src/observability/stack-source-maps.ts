import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Rewrites a V8 stack trace so its frames point at the sources the bundles were built from. */
export type StackMapper = (stack: string) => string;

/**
 * What `--enable-source-maps` does to a stack, done only when a stack is asked for: each
 * `at name (file:line:column)` frame goes through the `.map` file beside its file (esbuild's `Sourcemap: true`
 * writes `index.mjs.map` next to `index.mjs`), read and parsed the first time a frame of that file is mapped
 * and kept for the process's life. The flag instead makes Node read the map of every file as it loads, at
 * every cold start, whether or not anything is ever logged. A frame with no usable map (Node's own files, a
 * file without a map, a map that does not parse) stays as it is; nothing here throws.
 */
export function createStackMapper(): StackMapper {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) maps.set(file, readMap(`${file}.map`));
    return maps.get(file);
  };
  return (stack) => {
    try {
      return mapStack(stack, mapOf);
    } catch {
      return stack;
    }
  };
}

interface Frame {
  head: string;
  name: string | undefined;
  file: string | undefined;
  line: number;
  column: number;
}

/** `    at [async] [name (]location:line:column[)]`; a name comes with parentheses, none without. */
const FRAME = /^(\s+at (?:async )?)(?:(.+?) \()?([^()]+):(\d+):(\d+)(\)?)$/;

function mapStack(stack: string, mapOf: (file: string) => SourceMap | undefined): string {
  const lines = stack.split('\n');
  const frames = lines.map(parseFrame);
  return lines
    .map((text, i) => {
      const frame = frames[i];
      const map = frame?.file === undefined ? undefined : mapOf(frame.file);
      if (!frame?.file || !map) return text;
      const entry = map.findEntry(frame.line - 1, frame.column - 1);
      if (!('originalSource' in entry)) return text;
      const location = `${sourcePath(entry.originalSource, frame.file)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      return `${frame.head}${originalName(frame, frames[i + 1], map)} (${location})`;
    })
    .join('\n');
}

function parseFrame(text: string): Frame | undefined {
  const match = FRAME.exec(text);
  if (!match) return undefined;
  const [, head = '', name, location = '', line, column, close] = match;
  if ((name === undefined) !== (close === '')) return undefined;
  return { head, name, file: localFile(location), line: Number(line), column: Number(column) };
}

/**
 * The path of a frame's file when it is JavaScript on disk, the only files a bundler writes maps beside: not
 * `node:internal/…`, `<anonymous>` or `[eval]`, nor the TypeScript of a stack already mapped (tsx locally).
 */
function localFile(location: string): string | undefined {
  const path = location.startsWith('file://') ? fileURLToPath(location) : location;
  return isAbsolute(path) && JAVASCRIPT.test(path) ? path : undefined;
}

const JAVASCRIPT = /\.[cm]?js$/;

/** esbuild writes sources relative to the map; Node shows them resolved against it, as a path. */
function sourcePath(source: string, file: string): string {
  const url = new URL(source, pathToFileURL(`${file}.map`));
  return url.protocol === 'file:' ? fileURLToPath(url) : url.href;
}

/**
 * Minified bundles rename functions. Node takes the original name from the enclosing function's position,
 * which a stack's text does not carry; its fallback needs only the text: the caller's frame, when in the same
 * file, sits on the call, whose mapping names the function called. Otherwise the name stays as V8 gave it,
 * and a frame without one reads `<anonymous>`, as Node writes it.
 */
function originalName(frame: Frame, caller: Frame | undefined, map: SourceMap): string {
  const name = frame.name ?? '<anonymous>';
  if (!caller || caller.file !== frame.file) return name;
  const entry = map.findEntry(caller.line - 1, caller.column - 1);
  const original = 'name' in entry && typeof entry.name === 'string' ? entry.name : undefined;
  if (!original) return name;
  return name.startsWith('new ') ? `new ${original}` : original;
}

function readMap(path: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}
