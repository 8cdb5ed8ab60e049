import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withKeys } from '../../src/observability/log.js';

// These tests read Powertools' own JSON lines from the process's streams, as Lambda does, not the console
// that the rest of the suite sends them to (vitest.config.ts).
vi.stubEnv('POWERTOOLS_DEV', 'false');

describe('withKeys', () => {
  afterEach(() => vi.restoreAllMocks());

  it('adds its keys to every line, beside the line’s own attributes, leaving the root untouched', () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    }
    const root = new Logger({ serviceName: 'blogapp', logLevel: 'INFO' });
    const log = withKeys(root, { requestId: 'req-1' });
    log.info('request', { status: 200 });
    log.error('failed', { error: new Error('boom') });
    root.info('plain');
    log.debug('hidden below the level');
    const parsed = Object.fromEntries(lines.map((line) => JSON.parse(line)).map((l) => [l.message, l]));
    expect(Object.keys(parsed).sort()).toEqual(['failed', 'plain', 'request']);
    expect(parsed.request).toMatchObject({ requestId: 'req-1', status: 200, level: 'INFO' });
    expect(parsed.failed).toMatchObject({ requestId: 'req-1', level: 'ERROR', error: { message: 'boom' } });
    expect(parsed.plain.requestId).toBeUndefined();
  });
});
