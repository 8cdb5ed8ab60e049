/**
 * Calls `onSilent` once nothing has been heard for `ms`. A timer that fires late, after the event loop was held
 * up (a long GC pause, a busy machine, a CPU-throttled Lambda), may find bytes that arrived in time still
 * waiting unread in the socket: its verdict waits until the loop has polled for I/O once (setImmediate runs
 * after that phase), so what came in time counts and only true silence is a timeout.
 */
export function silenceTimer(ms: number, onSilent: () => void): { heard(): void; stop(): void } {
  let heardAt = performance.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let verdict: NodeJS.Immediate | undefined;
  const judge = () => {
    if (stopped) return;
    const quiet = performance.now() - heardAt;
    if (quiet >= ms) onSilent();
    else arm(ms - quiet);
  };
  const arm = (delay: number) => {
    timer = setTimeout(() => {
      verdict = setImmediate(judge);
    }, delay);
  };
  arm(ms);
  return {
    // Only a time stamp per chunk: the timer is re-armed for what is left when it fires, not on every byte.
    heard: () => {
      heardAt = performance.now();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      if (verdict) clearImmediate(verdict);
    },
  };
}
