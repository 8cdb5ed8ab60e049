import { cpus, release, totalmem } from 'node:os';

/** The machine and runtime the numbers were taken on, for the report's header. */
export function describeMachine(): string {
  const cores = cpus();
  return [
    `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}`,
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `Linux ${release()}`,
    `Node.js ${process.version}`,
  ].join(', ');
}
