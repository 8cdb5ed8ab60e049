/** Progress lines on stderr (the table goes to stdout), each with the time since the run began. */
export interface Progress {
  step(message: string): void;
}

export function consoleProgress(started = performance.now()): Progress {
  return {
    step: (message) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
      process.stderr.write(`[${seconds}s] ${message}\n`);
    },
  };
}

export const silentProgress: Progress = { step: () => {} };
