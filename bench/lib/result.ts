/** What one measurement hands the report: table rows, and sections of detail below the table. */
export interface Target {
  op: '<=' | '<' | '>=' | '=';
  limit: number;
  unit: string;
}

export interface Row {
  measure: string;
  /** Ours, with the spread of the runs. */
  ours: string;
  /** The floor (or peer) it is divided by, with its spread. */
  floor: string;
  /** The number the target applies to (a ratio, a size, a count). */
  value?: number;
  /** How `value` is shown: `1.42×`, `380 KB`. */
  shown?: string;
  target?: Target;
  note?: string;
}

export interface Section {
  title: string;
  markdown: string;
}

export interface MeasureResult {
  rows: Row[];
  sections?: Section[];
}

/** A ratio with two significant digits below 0.1 (0.0013×), else two decimals. */
export const ratio = (value: number) => `${value < 0.1 ? value.toPrecision(2) : value.toFixed(2)}×`;

/** "met", or how far from the target: "missed by 23%". */
export function verdict(row: Pick<Row, 'value' | 'target'>): string {
  const { value, target } = row;
  if (!target || value === undefined || !Number.isFinite(value)) return target ? 'not measured' : '';
  const met = {
    '<=': value <= target.limit,
    '<': value < target.limit,
    '>=': value >= target.limit,
    '=': value === target.limit,
  }[target.op];
  if (met) return 'met';
  if (target.op === '=') return `missed (${value} vs ${target.limit})`;
  const off = target.op === '>=' ? 1 - value / target.limit : value / target.limit - 1;
  return `**missed by ${(off * 100).toFixed(0)}%**`;
}

export const targetText = (target?: Target) => (target ? `${target.op} ${target.limit}${target.unit}` : '');
