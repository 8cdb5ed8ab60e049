import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleFunction } from '../../scripts/template/bundle.js';
import { esbuildFunctions } from '../../scripts/template/functions.js';
import { loadTemplate } from '../../scripts/template/template.js';
import { createLogger } from '../../src/composition/create-logger.js';

// The logged JSON lines are read from the process's streams, as Lambda reads them (see log.test.ts).
vi.stubEnv('POWERTOOLS_DEV', 'false');

const FIXTURE = join(process.cwd(), 'test/fixtures/mapped-stack');

interface Stacks {
  stack: string;
  cause: string;
}

/**
 * The fixture's error as a fresh Node process gets it from the bundle (an ES module, as Lambda loads it; this
 * process's imports go through Vitest's transform, which would move the bundle's columns): with `flags`
 * empty the raw stack a function logs without `--enable-source-maps`, with the flag Node's own mapping.
 */
async function stacksFrom(bundle: string, flags: string[] = []): Promise<Stacks> {
  const script = `const { failure } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const error = await failure();
process.stdout.write(JSON.stringify({ stack: error.stack, cause: error.cause.stack }));`;
  const { stdout } = await promisify(execFile)(process.execPath, [
    ...flags,
    '--input-type=module',
    '-e',
    script,
  ]);
  return JSON.parse(stdout) as Stacks;
}

interface LoggedError {
  name: string;
  message: string;
  location: string;
  stack: string;
  cause: { stack: string; location: string };
}

/** An error carrying the stacks a bundle produced, logged through the app's logger; the parsed JSON line. */
function logged(stacks: Stacks, logger: Logger = appLogger(), error: Error = errorWith(stacks)) {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
  }
  logger.error('request failed', { error, requestId: 'req-1' });
  vi.restoreAllMocks();
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as { requestId: string; error: LoggedError };
}

const appLogger = () => createLogger({ logLevel: 'INFO', environment: 'development' });

function errorWith(stacks: Stacks, error = new Error('post p1 could not be read')): Error {
  const cause = Object.assign(new Error('table unavailable for p1'), { stack: stacks.cause });
  return Object.assign(error, { cause, stack: stacks.stack });
}

/** 1-based line of the first line of a fixture file that contains `text`. */
async function lineOf(file: string, text: string): Promise<number> {
  const lines = (await readFile(join(FIXTURE, file), 'utf8')).split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}

describe('logged error stacks, mapped through the bundle’s source map without --enable-source-maps', () => {
  let dir: string;
  let bundle: string;
  let raw: Stacks;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-mapped-stack-'));
    // Built exactly as the template builds the API function (minified, maps beside the files, no sources).
    const api = esbuildFunctions(await loadTemplate()).find((fn) => fn.logicalId === 'ApiFunction');
    if (!api) throw new Error('the template has no ApiFunction');
    const entry = 'test/fixtures/mapped-stack/entry.ts';
    const fixture = {
      ...api,
      buildProperties: { ...api.buildProperties, EntryPoints: [entry] },
      bundleFiles: [],
    };
    await bundleFunction(fixture, dir, { logLevel: 'silent' });
    bundle = join(dir, 'ApiFunction', 'index.mjs');
    raw = await stacksFrom(bundle);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it('names the TypeScript file and line, as Node’s own --enable-source-maps prints them', async () => {
    const line = logged(raw);

    const throwAt = await lineOf('storage-failure.ts', 'throw new Error(`post');
    const causeAt = await lineOf('storage-failure.ts', 'throw new Error(`table');
    expect(raw.stack).toContain('index.mjs:');
    expect(line.error.stack).toContain(`${join(FIXTURE, 'storage-failure.ts')}:${throwAt}:`);
    expect(line.error.location).toBe(`${join(FIXTURE, 'storage-failure.ts')}:${throwAt}`);
    expect(line.error.cause.stack).toContain(
      `at queryTable (${join(FIXTURE, 'storage-failure.ts')}:${causeAt}:`,
    );
    expect(line.error.stack).not.toContain('index.mjs:');
    // The same text the flag made Node write, frame for frame.
    const flagged = await stacksFrom(bundle, ['--enable-source-maps']);
    expect(line.error.stack).toBe(flagged.stack);
    expect(line.error.cause.stack).toBe(flagged.cause);
    // The rest of the line is what Powertools writes for any error.
    expect(line).toMatchObject({
      requestId: 'req-1',
      error: { name: 'Error', message: 'post p1 could not be read' },
    });
  });

  it('keeps every other field Powertools writes for an error: class name, message, own properties', () => {
    class StorageUnavailableError extends Error {
      override name = 'StorageUnavailableError';
      readonly code = 'unavailable';
      readonly $metadata = { attempts: 3 };
    }
    const error = () => errorWith(raw, new StorageUnavailableError('post p1 could not be read'));
    // The same logger without the replacer: what Powertools alone writes for this error.
    const plain = new Logger({
      serviceName: 'blogapp',
      logLevel: 'INFO',
      persistentKeys: { environment: 'development' },
    });

    const ours = logged(raw, appLogger(), error()).error;
    const theirs = logged(raw, plain, error()).error;

    const withoutStacks = ({ stack, location, cause, ...rest }: LoggedError) => ({
      ...rest,
      cause: { ...cause, stack: undefined, location: undefined },
    });
    expect(withoutStacks(ours)).toEqual(withoutStacks(theirs));
    expect(ours).toMatchObject({
      name: 'StorageUnavailableError',
      code: 'unavailable',
      $metadata: { attempts: 3 },
    });
    expect(ours.stack).not.toBe(theirs.stack);
  });

  it('leaves a frame with no map beside its file as it was', () => {
    const unmapped = [
      '    at handler (/var/task/no-map-here.mjs:1:200)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at async Promise.all (index 0)',
    ];
    const line = logged({ ...raw, stack: [raw.stack, ...unmapped].join('\n') });

    const frames = line.error.stack.split('\n');
    expect(frames.slice(-unmapped.length)).toEqual(unmapped);
    expect(line.error.stack).toContain(join(FIXTURE, 'storage-failure.ts'));
    // The frame of the script that called the bundle has no map either.
    const caller = raw.stack.split('\n').find((frame) => frame.includes('[eval1]'));
    expect(caller).toBeDefined();
    expect(frames).toContain(caller);
  });

  it('still logs the error when a map is broken, leaving only that file’s frames unmapped', async () => {
    const broken = join(dir, 'broken');
    await cp(join(dir, 'ApiFunction'), broken, { recursive: true });
    await writeFile(join(broken, 'index.mjs.map'), '{"version":3,"sources":["../../sr');
    const stacks = { stack: raw.stack, cause: raw.cause.replaceAll(join(dir, 'ApiFunction'), broken) };

    const line = logged(stacks);

    expect(line.error.cause.stack).toBe(stacks.cause);
    expect(line.error.stack).toContain(join(FIXTURE, 'storage-failure.ts'));
    expect(line.error.message).toBe('post p1 could not be read');
  });

  it('reads a map once, when the first error of its file is logged', async () => {
    const copy = join(dir, 'read-once');
    await cp(join(dir, 'ApiFunction'), copy, { recursive: true });
    const stacks = { stack: raw.stack.replaceAll(join(dir, 'ApiFunction'), copy), cause: raw.cause };
    const logger = appLogger();

    const first = logged(stacks, logger);
    await rm(join(copy, 'index.mjs.map'));
    const second = logged(stacks, logger);

    expect(first.error.stack).toContain(join(FIXTURE, 'storage-failure.ts'));
    expect(second.error.stack).toBe(first.error.stack);
  });
});
