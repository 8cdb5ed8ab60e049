import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { instrument } from '../../src/entry/lambda/instrument.js';
import { lambdaContext } from '../support/lambda-context.js';
import { startXRayDaemon, type XRayDaemon } from '../support/xray-daemon.js';

describe('instrument', () => {
  let daemon: XRayDaemon;
  beforeAll(async () => {
    daemon = await startXRayDaemon();
  });
  afterAll(() => daemon?.close());

  it('runs each invocation in its own annotated subsegment, with the Lambda context in the logs', async () => {
    const tracer = daemon.tracer();
    const logger = new Logger({ logLevel: 'SILENT' });
    const addContext = vi.spyOn(logger, 'addContext');
    const handler = instrument({ logger, tracer }, async (event: { n: number }) => event.n * 2);
    const context = lambdaContext('blogapp-api');
    const from = daemon.documents.length;
    expect(await handler({ n: 21 }, context)).toBe(42);
    expect(addContext).toHaveBeenCalledWith(context);
    const [invocation] = (await daemon.received(from + 1)).slice(from);
    tracer.close();
    expect(invocation).toMatchObject({
      name: '## blogapp-api',
      annotations: { ColdStart: true, Service: 'blogapp' },
    });
    expect(invocation).not.toHaveProperty('fault');
  });

  it('records a failure on the subsegment, logs it and still sends it', async () => {
    const tracer = daemon.tracer();
    const logger = new Logger({ logLevel: 'SILENT' });
    const logged = vi.spyOn(logger, 'error');
    const boom = new Error('boom');
    const handler = instrument({ logger, tracer }, async () => {
      throw boom;
    });
    const from = daemon.documents.length;
    await expect(handler({}, lambdaContext('blogapp-api'))).rejects.toThrow('boom');
    const [invocation] = (await daemon.received(from + 1)).slice(from);
    tracer.close();
    expect(invocation).toMatchObject({
      fault: true,
      cause: { exceptions: [{ message: 'boom', type: 'Error' }] },
    });
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
