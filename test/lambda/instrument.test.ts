import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { instrument } from '../../src/entry/lambda/instrument.js';
import { lambdaContext } from '../support/lambda-context.js';
import { recordingTracer } from '../support/recording-tracer.js';

describe('instrument', () => {
  it('runs each invocation in its own annotated subsegment, with the Lambda context in the logs', async () => {
    const { tracer, calls } = recordingTracer();
    const logger = new Logger({ logLevel: 'SILENT' });
    const addContext = vi.spyOn(logger, 'addContext');
    const handler = instrument({ logger, tracer }, async (event: { n: number }) => event.n * 2);
    const context = lambdaContext('blogapp-api');
    expect(await handler({ n: 21 }, context)).toBe(42);
    expect(addContext).toHaveBeenCalledWith(context);
    expect(calls).toEqual(['open ## blogapp-api', 'enter', 'cold start', 'service', 'close', 'leave']);
  });

  it('records a failure on the subsegment, logs it and still closes it', async () => {
    const { tracer, calls } = recordingTracer();
    const logger = new Logger({ logLevel: 'SILENT' });
    const logged = vi.spyOn(logger, 'error');
    const boom = new Error('boom');
    const handler = instrument({ logger, tracer }, async () => {
      throw boom;
    });
    await expect(handler({}, lambdaContext('blogapp-api'))).rejects.toThrow('boom');
    expect(calls.slice(-3)).toEqual(['error boom', 'close', 'leave']);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^invocation failed/), { error: boom });
  });

  it('leaves no keys behind for the next invocation: no code appends keys to a logger', async () => {
    // instrument() does not call Powertools’ resetKeys() after each invocation (it reads the environment
    // three times a call); that holds only while request keys ride on withKeys, never appendKeys.
    const src = join(import.meta.dirname, '../../src');
    const files = (await readdir(src, { recursive: true })).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    const appending = [];
    for (const file of files) {
      if (/\.appendKeys\(/.test(await readFile(join(src, file), 'utf8'))) appending.push(file);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(appending).toEqual([]);
  });

  it('works without a tracer (locally)', async () => {
    const handler = instrument({ logger: new Logger({ logLevel: 'SILENT' }) }, async () => 'ok');
    expect(await handler({}, lambdaContext())).toBe('ok');
  });
});
