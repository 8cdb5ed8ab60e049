import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Received, startXRayDaemon, type XRayDaemon } from '../../../test/support/xray-daemon.js';
import { daemonAddress } from './daemon-address.js';
import { XRayTracer } from './xray-tracer.js';

interface Captured {
  message: string;
  type: string;
  remote: boolean;
  stack: { path: string; line: number }[];
}
const exceptionsOf = (document: Received | undefined) =>
  ((document?.cause ?? {}) as { exceptions?: Captured[] }).exceptions ?? [];

describe('XRayTracer', () => {
  let daemon: XRayDaemon;
  beforeAll(async () => {
    daemon = await startXRayDaemon();
  });
  afterAll(() => daemon?.close());

  /** The documents sent from here on, once `count` of them have arrived. */
  const nextDocuments = async (count: number) => {
    const from = daemon.documents.length;
    return async () => (await daemon.received(from + count)).slice(from);
  };

  it('sends each invocation as a subsegment of the function’s trace, annotated with cold start and service', async () => {
    const tracer = daemon.tracer();
    const sent = await nextDocuments(2);
    expect(await tracer.invocation('## blogapp-api', async () => 'first')).toBe('first');
    await tracer.invocation('## blogapp-api', async () => 'second');
    const [first, second] = await sent();
    tracer.close();
    expect(first).toMatchObject({
      type: 'subsegment',
      name: '## blogapp-api',
      trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      parent_id: '53995c3f42cd8ad8',
      annotations: { ColdStart: true, Service: 'blogapp' },
    });
    expect(second?.annotations).toEqual({ ColdStart: false, Service: 'blogapp' });
    expect(first?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(second?.id).not.toBe(first?.id);
    expect(first?.end_time as number).toBeGreaterThanOrEqual(first?.start_time as number);
    expect(daemon.badDatagrams).toEqual([]);
  });

  it('nests the invocation’s subsegments under it, with metadata under the service’s name', async () => {
    const tracer = daemon.tracer();
    const sent = await nextDocuments(3);
    await tracer.invocation('## blogapp-stream', async () => {
      await Promise.all([
        tracer.subsegment('## fan-out', async (span) => span.putMetadata('fanOut', { delivered: 2 })),
        tracer.subsegment('DynamoDB', async (span) => span.addAttribute('namespace', 'aws')),
      ]);
    });
    const [fanOut, dynamo, invocation] = await sent();
    tracer.close();
    expect(invocation?.name).toBe('## blogapp-stream');
    expect(fanOut).toMatchObject({
      parent_id: invocation?.id,
      metadata: { blogapp: { fanOut: { delivered: 2 } } },
    });
    expect(dynamo).toMatchObject({
      parent_id: invocation?.id,
      trace_id: invocation?.trace_id,
      namespace: 'aws',
    });
  });

  it('records an error a subsegment lets out as its cause, a fault, and rethrows it', async () => {
    const tracer = daemon.tracer();
    const sent = await nextDocuments(2);
    const boom = new TypeError('boom');
    await expect(
      tracer.invocation('## blogapp-api', () =>
        tracer.subsegment('## broadcast', async () => Promise.reject(boom)),
      ),
    ).rejects.toBe(boom);
    const [broadcast, invocation] = await sent();
    tracer.close();
    for (const failed of [broadcast, invocation]) {
      expect(failed).toMatchObject({
        fault: true,
        cause: { exceptions: [{ message: 'boom', type: 'TypeError', remote: false }] },
      });
    }
    const [frame] = exceptionsOf(broadcast)[0]?.stack ?? [];
    expect(frame?.path).toMatch(/xray-tracer\.test\.ts$/);
    expect(frame?.line).toBeGreaterThan(0);
  });

  it('keeps a cause the work recorded itself, as a remote one', async () => {
    const tracer = daemon.tracer();
    const sent = await nextDocuments(2);
    const refused = Object.assign(new Error('refused'), { name: 'ValidationException' });
    await tracer
      .invocation('## blogapp-api', () =>
        tracer.subsegment('DynamoDB', async (span) => {
          span.addError(refused, true);
          throw refused;
        }),
      )
      .catch(() => undefined);
    const [call] = await sent();
    tracer.close();
    expect(exceptionsOf(call)).toEqual([
      expect.objectContaining({ message: 'refused', type: 'ValidationException', remote: true }),
    ]);
  });

  it('sends nothing for an invocation that is not sampled or has no trace header, nor outside one', async () => {
    for (const header of [
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0',
      null,
    ]) {
      const untraced = daemon.tracer(header);
      const sent = await nextDocuments(1);
      let recorded = 0;
      await untraced.invocation('## untraced', () =>
        untraced.subsegment('DynamoDB', async (span) => {
          span.annotate('a', 1);
          recorded++;
        }),
      );
      await untraced.subsegment('## outside', async () => undefined);
      expect(recorded).toBe(1);
      // One socket's datagrams arrive in order: the traced invocation sent next is the first to arrive.
      const traced = daemon.tracer();
      await traced.invocation('## traced', async () => undefined);
      expect((await sent())[0]?.name).toBe('## traced');
      untraced.close();
      traced.close();
    }
  });

  it('keeps overlapping invocations apart in the runtime’s invoke store (concurrent Lambda invocations)', async () => {
    const global = globalThis as { awslambda?: unknown };
    global.awslambda = {};
    try {
      const store = await InvokeStore.getInstanceAsync(true);
      const traceKey = InvokeStoreBase.PROTECTED_KEYS.X_RAY_TRACE_ID;
      // No traceData given: the tracer reads each invocation's header from the store, as in Lambda.
      const tracer = new XRayTracer({ serviceName: 'blogapp', daemon: daemon.address });
      const sent = await nextDocuments(4);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const invoke = (root: string, wait: Promise<void> | undefined) =>
        store.run({ [traceKey]: `Root=${root};Parent=aaaaaaaaaaaaaaaa;Sampled=1` }, () =>
          tracer.invocation(`## ${root}`, async () => {
            await wait;
            await tracer.subsegment(`call of ${root}`, async () => undefined);
            release();
          }),
        );
      await Promise.all([
        invoke('1-00000001-000000000000000000000001', held),
        invoke('1-00000002-000000000000000000000002', undefined),
      ]);
      const documents = await sent();
      tracer.close();
      for (const root of ['1-00000001-000000000000000000000001', '1-00000002-000000000000000000000002']) {
        const invocation = documents.find((d) => d.name === `## ${root}`);
        const call = documents.find((d) => d.name === `call of ${root}`);
        expect(invocation?.trace_id).toBe(root);
        expect(call).toMatchObject({ trace_id: root, parent_id: invocation?.id });
      }
    } finally {
      delete global.awslambda;
    }
  });
});

describe('daemonAddress', () => {
  it('reads host:port, the udp part of a tcp/udp pair, and defaults to the local daemon', () => {
    expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
    expect(daemonAddress('tcp:127.0.0.1:2000 udp:127.0.0.2:2001')).toEqual({ host: '127.0.0.2', port: 2001 });
    expect(daemonAddress(undefined)).toEqual({ host: '127.0.0.1', port: 2000 });
  });

  it('says what it expects of a malformed address', () => {
    expect(() => daemonAddress('localhost')).toThrow(/is not host:port/);
    expect(() => daemonAddress('127.0.0.1:99999')).toThrow(/is not host:port/);
  });
});

describe('XRayTracer when a subsegment cannot be sent', () => {
  it('still answers: metadata with a cycle drops that subsegment, not the invocation or its others', async () => {
    const daemon = await startXRayDaemon();
    try {
      const tracer = daemon.tracer();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await expect(
        tracer.invocation('## cyclic', () =>
          tracer.subsegment('## fan-out', async (span) => {
            span.putMetadata('fanOut', cyclic);
            return 'answered';
          }),
        ),
      ).resolves.toBe('answered');
      expect((await daemon.received(1))[0]?.name).toBe('## cyclic');
      // A sender closed (as tests close it) opens its socket again for the next invocation.
      tracer.close();
      await expect(tracer.invocation('## after close', async () => 'answered')).resolves.toBe('answered');
      expect((await daemon.received(2))[1]?.name).toBe('## after close');
      tracer.close();
    } finally {
      await daemon.close();
    }
  });
});

describe('XRayTracer recording what the SDK recorded', () => {
  let daemon: XRayDaemon;
  beforeAll(async () => {
    daemon = await startXRayDaemon();
  });
  afterAll(() => daemon?.close());

  it('writes a BigInt in metadata as text, and keeps the real error when its stack is not text', async () => {
    const tracer = daemon.tracer();
    const odd = Object.assign(new Error('the real error'), { stack: null });
    await expect(
      tracer.invocation('## blogapp-stream', async () => {
        await tracer.subsegment('## fan-out', async (span) => span.putMetadata('fanOut', { delivered: 2n }));
        throw odd;
      }),
    ).rejects.toBe(odd);
    const [fanOut, invocation] = await daemon.received(2);
    tracer.close();
    expect(fanOut?.metadata).toEqual({ blogapp: { fanOut: { delivered: '2' } } });
    expect(exceptionsOf(invocation)).toEqual([
      expect.objectContaining({ message: 'the real error', stack: [] }),
    ]);
  });

  it('annotates cold starts by Powertools’ rule: only an on-demand environment has one', async () => {
    const coldStarts = async (initializationType: string) => {
      const previous = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
      process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initializationType;
      try {
        const tracer = new XRayTracer({
          serviceName: 'blogapp',
          daemon: daemon.address,
          traceData: () => ({
            Root: '1-5759e988-bd862e3fe1be46a994272793',
            Parent: '53995c3f42cd8ad8',
            Sampled: '1',
          }),
        });
        const from = daemon.documents.length;
        await tracer.invocation('## one', async () => undefined);
        await tracer.invocation('## two', async () => undefined);
        const sent = (await daemon.received(from + 2)).slice(from);
        tracer.close();
        return sent.map((document) => (document.annotations as { ColdStart: boolean }).ColdStart);
      } finally {
        if (previous === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
        else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = previous;
      }
    };
    expect(await coldStarts('on-demand')).toEqual([true, false]);
    expect(await coldStarts('provisioned-concurrency')).toEqual([false, false]);
  });
});

describe('XRayTracer with a subsegment too long for one datagram', () => {
  it('sends it without its metadata and stacks, so its timing and outcome still show', async () => {
    const daemon = await startXRayDaemon();
    try {
      const tracer = daemon.tracer();
      const long = 'x'.repeat(70_000);
      await tracer
        .invocation('## blogapp-stream', () =>
          tracer.subsegment('## fan-out', async (span) => {
            span.putMetadata('fanOut', { note: long });
            throw new Error(long);
          }),
        )
        .catch(() => undefined);
      const [fanOut, invocation] = await daemon.received(2);
      tracer.close();
      for (const sent of [fanOut, invocation]) {
        expect(sent).not.toHaveProperty('metadata');
        expect(sent).toMatchObject({ fault: true });
        expect(exceptionsOf(sent)[0]?.message).toHaveLength(1_000);
        expect(exceptionsOf(sent)[0]?.stack).toEqual([]);
      }
      expect(fanOut?.name).toBe('## fan-out');
    } finally {
      await daemon.close();
    }
  });
});
