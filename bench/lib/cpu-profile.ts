import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** CPU time of a profiled process, charged to the module whose code caused it. */
export interface CostByModule {
  module: string;
  ms: number;
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** V8 parsing and compiling an ES module file: the cost of the bytes loaded, whoever imports them. */
export const COMPILE = '(V8 compile of ES module files)';
const UNCHARGED = '(Node.js startup and internals)';

/**
 * Reads a `--cpu-prof` profile of a bundle and charges each sample to the innermost frame that maps, through
 * the bundle's source maps, to a package (`@smithy/core`, `zod`) or a source file of ours
 * (`src/http/app.ts`); Node's internals and esbuild's module wrappers are charged to whoever called them.
 * Waiting (idle) is left out: it is I/O (DynamoDB calls), not CPU.
 */
export function costByModule(profileFile: string): CostByModule[] {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const resolve = sourceResolver();
  const charged = new Map<number, string>();
  const chargeOf = (leaf: number): string => {
    const known = charged.get(leaf);
    if (known) return known;
    let module: string | undefined;
    for (let id: number | undefined = leaf; id !== undefined && !module; id = parent.get(id)) {
      const frame = frames.get(id) as CallFrame;
      if (frame.functionName === 'compileSourceTextModule') module = COMPILE;
      else if (id === leaf && !frame.url && frame.functionName.startsWith('(')) module = frame.functionName;
      else module = resolve(frame);
    }
    charged.set(leaf, module ?? UNCHARGED);
    return module ?? UNCHARGED;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((leaf, i) => {
    const module = chargeOf(leaf);
    totals.set(module, (totals.get(module) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  totals.delete('(idle)');
  return [...totals].map(([module, us]) => ({ module, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
}

/** The module a frame's code comes from, or undefined for code of no module (Node, esbuild's runtime). */
function sourceResolver(): (frame: CallFrame) => string | undefined {
  const maps = new Map<string, SourceMap | undefined>();
  return (frame) => {
    if (!frame.url.startsWith('file:')) return undefined;
    const file = fileURLToPath(frame.url);
    if (!maps.has(file)) maps.set(file, existsSync(`${file}.map`) ? loadMap(`${file}.map`) : undefined);
    const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
    const source = entry && 'originalSource' in entry ? entry.originalSource : undefined;
    return source ? moduleName(relative(REPO, resolve(dirname(file), source))) : undefined;
  };
}

const REPO = join(import.meta.dirname, '..', '..');

const loadMap = (file: string) => new SourceMap(JSON.parse(readFileSync(file, 'utf8')));

/** `node_modules/@smithy/core/dist-es/…` → `@smithy/core`; our files keep their path from the repository. */
export function moduleName(source: string): string {
  const at = source.lastIndexOf('node_modules/');
  if (at < 0) return source;
  const [scope, name] = source.slice(at + 'node_modules/'.length).split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? source);
}

/** Runs a Node process with `--cpu-prof` (0.1 ms sampling) into `dir` and charges its CPU by module. */
export async function withCpuProfile(
  dir: string,
  run: (nodeFlags: string[]) => Promise<unknown>,
): Promise<CostByModule[]> {
  await mkdir(dir, { recursive: true });
  await run(['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100']);
  const [file] = await readdir(dir);
  if (!file) throw new Error('node wrote no CPU profile');
  return costByModule(join(dir, file));
}

/** A markdown table of the costliest modules, with a second column to compare against when given. */
export function costTable(
  costs: CostByModule[],
  heading: string,
  against?: { label: string; costs: CostByModule[] },
): string {
  const floor = new Map(against?.costs.map((cost) => [cost.module, cost.ms]));
  const total = (list: CostByModule[]) => list.reduce((sum, cost) => sum + cost.ms, 0);
  const columns = against ? ` ${against.label}, ms |` : '';
  return [
    `| module | ${heading}, ms |${columns}`,
    `| --- | ---: |${against ? ' ---: |' : ''}`,
    ...costs
      .slice(0, 20)
      .map(
        (cost) =>
          `| ${cost.module} | ${cost.ms.toFixed(1)} |${against ? ` ${(floor.get(cost.module) ?? 0).toFixed(1)} |` : ''}`,
      ),
    `| **total CPU** | **${total(costs).toFixed(1)}** |${against ? ` **${total(against.costs).toFixed(1)}** |` : ''}`,
  ].join('\n');
}
