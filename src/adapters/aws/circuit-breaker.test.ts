import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../domain/shared/errors.js';
import { CircuitBreaker } from './circuit-breaker.js';

const timeout = () => Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
const throttled = () => Object.assign(new Error('slow down'), { name: 'ThrottlingException' });

function breaker() {
  let now = 0;
  const subject = new CircuitBreaker({ failureThreshold: 3, openMs: 5_000, now: () => now });
  let calls = 0;
  const call = (outcome: () => unknown) =>
    subject.run(async () => {
      calls++;
      const value = outcome();
      if (value instanceof Error) throw value;
      return value;
    });
  return { subject, call, calls: () => calls, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after repeated timeouts and then refuses at once, without calling the store', async () => {
    const { subject, call, calls } = breaker();
    for (let i = 0; i < 3; i++) await expect(call(timeout)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(subject.state).toBe('open');
    await expect(call(() => 'never')).rejects.toBeInstanceOf(UnavailableError);
    expect(calls()).toBe(3);
  });

  it('half-opens after a while: one probe goes through, and its success closes the circuit', async () => {
    const { subject, call, advance } = breaker();
    for (let i = 0; i < 3; i++) await call(timeout).catch(() => {});
    advance(5_000);
    expect(subject.state).toBe('half-open');
    let release: (value: string) => void = () => {};
    const probe = subject.run(() => new Promise<string>((resolve) => (release = resolve)));
    // While the probe is out, everyone else is still refused at once.
    await expect(call(() => 'queued')).rejects.toBeInstanceOf(UnavailableError);
    release('ok');
    expect(await probe).toBe('ok');
    expect(subject.state).toBe('closed');
    expect(await call(() => 'served')).toBe('served');
  });

  it('opens again when the probe fails', async () => {
    const { subject, call, advance } = breaker();
    for (let i = 0; i < 3; i++) await call(timeout).catch(() => {});
    advance(5_000);
    await expect(call(timeout)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(subject.state).toBe('open');
  });

  it('is not opened by answers, even unwelcome ones, nor by timeouts that are not in a row', async () => {
    const { subject, call } = breaker();
    for (let i = 0; i < 5; i++) await call(throttled).catch(() => {});
    await call(timeout).catch(() => {});
    await call(timeout).catch(() => {});
    await call(() => 'answered');
    await call(timeout).catch(() => {});
    await call(timeout).catch(() => {});
    expect(subject.state).toBe('closed');
  });
});
