import { describeMachine } from './machine.js';
import { type MeasureResult, type Row, targetText, verdict } from './result.js';

export interface Report {
  scale: string;
  startedAt: Date;
  seconds: number;
  results: MeasureResult[];
  /** Extra header lines (the peer's versions...). */
  facts: string[];
}

const cell = (text: string | undefined) => (text ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The results table: every measurement, its target and whether it is met. */
export function renderTable(rows: readonly Row[]): string {
  return [
    '| measure | ours | floor / peer | ratio or value | target | result | notes |',
    '| --- | --- | --- | ---: | --- | --- | --- |',
    ...rows.map((row) =>
      [row.measure, row.ours, row.floor, row.shown ?? '', targetText(row.target), verdict(row), row.note]
        .map(cell)
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
  ].join('\n');
}

/** bench/results/latest.md: machine, Node version, date, the table, then each measurement's detail. */
export function renderReport(report: Report): string {
  const rows = report.results.flatMap((result) => result.rows);
  const sections = report.results.flatMap((result) => result.sections ?? []);
  return [
    '# blogapp benchmarks',
    '',
    `- Date: ${report.startedAt.toISOString()} (${report.scale} run, ${report.seconds.toFixed(0)} s)`,
    `- Machine: ${describeMachine()}`,
    ...report.facts.map((fact) => `- ${fact}`),
    '- Medians of interleaved runs, with (min–max, n=runs). Ratios are ours ÷ the floor (or peer) unless said.',
    '',
    renderTable(rows),
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', section.markdown, '']),
  ].join('\n');
}
