/** A repeated measurement: its median and how far the runs spread around it. */
export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Sample {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, runs: sorted.length };
}

/** The ratio of two samples' medians. */
export const ratioOf = (ours: Sample, floor: Sample): number => ours.median / floor.median;

/** "12.3 ms (11.9–13.0, n=10)": the median with the range of the runs. */
export function formatSample(sample: Sample, unit: string, digits = 1): string {
  const f = (value: number) => value.toFixed(digits);
  if (sample.runs === 1) return `${f(sample.median)} ${unit}`;
  return `${f(sample.median)} ${unit} (${f(sample.min)}–${f(sample.max)}, n=${sample.runs})`;
}
