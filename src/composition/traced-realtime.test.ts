import { describe, expect, it } from 'vitest';
import { recordingTracer } from '../../test/support/recording-tracer.js';
import type { RealtimeService } from '../domain/realtime/realtime.service.js';
import { tracedRealtime } from './traced-realtime.js';

/** Only what the decorator touches; the fan-out itself is tested with the real service elsewhere. */
function realtimeThat(outcome: 'delivers' | 'fails') {
  const seen: string[] = [];
  const service = {
    publish: async () => {
      seen.push('publish');
      if (outcome === 'fails') throw new Error('store down');
      return { delivered: 2, stale: 1, failed: 0 };
    },
    broadcast: async () => ({ delivered: 5, stale: 0, failed: 0 }),
    connect: async () => void seen.push('connect'),
  };
  return { service: service as unknown as RealtimeService, seen };
}

describe('tracedRealtime', () => {
  it('runs each fan-out in one subsegment holding what it delivered', async () => {
    const { tracer, calls } = recordingTracer();
    const { service } = realtimeThat('delivers');
    const traced = tracedRealtime(tracer, service);

    await traced.publish({ type: 'created' } as never);
    await traced.broadcast({ message: 'hi' });

    expect(calls).toEqual([
      'open ## fan-out',
      'enter',
      'metadata fanOut {"delivered":2,"stale":1,"failed":0}',
      'close',
      'leave',
      'open ## broadcast',
      'enter',
      'metadata fanOut {"delivered":5,"stale":0,"failed":0}',
      'close',
      'leave',
    ]);
  });

  it('records a failed fan-out as an error, closes its subsegment and rethrows', async () => {
    const { tracer, calls } = recordingTracer();
    const traced = tracedRealtime(tracer, realtimeThat('fails').service);

    await expect(traced.publish({ type: 'created' } as never)).rejects.toThrow('store down');
    expect(calls).toEqual(['open ## fan-out', 'enter', 'error store down', 'close', 'leave']);
  });

  it('leaves the other calls, and everything without a tracer, as they are', async () => {
    const { tracer, calls } = recordingTracer();
    const { service, seen } = realtimeThat('delivers');
    await tracedRealtime(tracer, service).connect('c1', null);
    expect(seen).toEqual(['connect']);
    expect(calls).toEqual([]);
    expect(tracedRealtime(undefined, service)).toBe(service);
  });
});
