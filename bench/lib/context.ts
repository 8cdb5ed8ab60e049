import type { EsbuildFunction } from '../../scripts/template/functions.js';
import type { BenchEntries } from './bench-entries.js';
import type { Progress } from './progress.js';
import type { Scale } from './scale.js';

/** What every measurement gets from the runner. */
export interface BenchContext {
  scale: Scale;
  progress: Progress;
  /** This run's scratch directory (removed at the end). */
  work: string;
  entries: BenchEntries;
  /** Where `make build` put the functions: `<distDir>/<LogicalId>/index.mjs`. */
  distDir: string;
  functions: EsbuildFunction[];
}
