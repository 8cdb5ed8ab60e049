import type { Clock } from '../../../src/deploy/canary/ports.js';

/** A fake clock: each sleep advances time, then lets the test act (raise an alarm, crash) at that poll. */
export function fakeClock(
  onSleep: (poll: number) => Promise<void> = async () => {},
): Clock & { polls: number } {
  let now = Date.UTC(2026, 0, 1);
  const clock = {
    polls: 0,
    now: () => now,
    async sleep(ms: number) {
      now += ms;
      clock.polls += 1;
      await onSleep(clock.polls);
    },
  };
  return clock;
}
