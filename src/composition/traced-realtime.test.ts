import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXRayDaemon, type XRayDaemon } from '../../test/support/xray-daemon.js';
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
    postDeleted: async () => ({ delivered: 3, stale: 0, failed: 1 }),
    connect: async () => void seen.push('connect'),
  };
  return { service: service as unknown as RealtimeService, seen };
}

describe('tracedRealtime', () => {
  let daemon: XRayDaemon;
  beforeAll(async () => {
    daemon = await startXRayDaemon();
  });
  afterAll(() => daemon?.close());

  /** What the tracer sent for one traced invocation running `work`, its own subsegment last. */
  const sentFor = async (
    count: number,
    work: (tracer: ReturnType<XRayDaemon['tracer']>) => Promise<unknown>,
  ) => {
    const tracer = daemon.tracer();
    const from = daemon.documents.length;
    await tracer.invocation('## blogapp-stream', () => work(tracer)).catch(() => undefined);
    const documents = (await daemon.received(from + count)).slice(from);
    tracer.close();
    return documents;
  };

  it('runs each fan-out in one subsegment holding what it delivered', async () => {
    const { service } = realtimeThat('delivers');
    const [fanOut, broadcast, postDeleted] = await sentFor(4, async (tracer) => {
      const traced = tracedRealtime(tracer, service);
      await traced.publish({ type: 'created' } as never);
      await traced.broadcast({ message: 'hi' });
      await traced.postDeleted('p1');
    });
    expect(fanOut).toMatchObject({
      name: '## fan-out',
      metadata: { blogapp: { fanOut: { delivered: 2, stale: 1, failed: 0 } } },
    });
    expect(broadcast).toMatchObject({
      name: '## broadcast',
      metadata: { blogapp: { fanOut: { delivered: 5, stale: 0, failed: 0 } } },
    });
    expect(postDeleted).toMatchObject({
      name: '## post deleted',
      metadata: { blogapp: { fanOut: { delivered: 3, stale: 0, failed: 1 } } },
    });
  });

  it('records a failed fan-out as its cause, sends its subsegment and rethrows', async () => {
    const traced = (tracer: ReturnType<XRayDaemon['tracer']>) =>
      tracedRealtime(tracer, realtimeThat('fails').service);
    const [fanOut] = await sentFor(2, async (tracer) => {
      await expect(traced(tracer).publish({ type: 'created' } as never)).rejects.toThrow('store down');
    });
    expect(fanOut).toMatchObject({
      name: '## fan-out',
      fault: true,
      cause: { exceptions: [{ message: 'store down' }] },
    });
    expect(fanOut).not.toHaveProperty('metadata');
  });

  it('leaves the other calls, and everything without a tracer, as they are', async () => {
    const { service, seen } = realtimeThat('delivers');
    const [only] = await sentFor(1, (tracer) => tracedRealtime(tracer, service).connect('c1', null));
    expect(seen).toEqual(['connect']);
    expect(only?.name).toBe('## blogapp-stream');
    expect(tracedRealtime(undefined, service)).toBe(service);
  });
});
