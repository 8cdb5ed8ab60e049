/**
 * Invokes a handler bundle in-process as fast as it answers, one event at a time as Lambda does, and
 * prints events per second for each measured event, and the body it answered, as one JSON line.
 * The script file holds `setup` events (run once; every top-level string of their JSON answers becomes a
 * {{name}} variable, so a dev token and a created post's id can be used after) and `measured` events.
 * Usage: node handler-loop-probe.mjs <bundle/index.mjs> <script.json> <warmMs> <measureMs>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from '../../test/support/lambda-context.js';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body?: string }>;
interface Script {
  setup: unknown[];
  measured: { label: string; event: unknown }[];
}

const [bundle, scriptFile, warmMs, measureMs] = process.argv.slice(2);
if (!bundle || !scriptFile)
  throw new Error('usage: handler-loop-probe <bundle> <script.json> <warmMs> <measureMs>');
const script = JSON.parse(readFileSync(scriptFile, 'utf8')) as Script;
const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };

const vars = new Map<string, string>();
const resolve = (event: unknown) =>
  JSON.parse(JSON.stringify(event).replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars.get(name) ?? ''));

for (const event of script.setup) {
  const { body } = await handler(resolve(event), lambdaContext('blogapp-bench'));
  const parsed = body?.startsWith('{') ? (JSON.parse(body) as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string') vars.set(name, value);
}

/**
 * Events per second of wall time, and per second of this process's CPU time: on a machine shared with
 * other work the second barely moves when the process is made to wait, so it compares handlers fairly.
 */
async function loop(event: unknown, ms: number): Promise<{ wall: number; cpu: number }> {
  let count = 0;
  const cpuStart = process.cpuUsage();
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const { statusCode } = await handler(event, lambdaContext('blogapp-bench'));
    if (statusCode !== 200) throw new Error(`status ${statusCode}`);
    count++;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: count / (ms / 1000), cpu: count / ((cpu.user + cpu.system) / 1e6) };
}

const perSecond: Record<string, number> = {};
const perCpuSecond: Record<string, number> = {};
const bodies: Record<string, unknown> = {};
for (const { label, event } of script.measured) {
  const resolved = resolve(event);
  const { body } = await handler(resolved, lambdaContext('blogapp-bench'));
  bodies[label] = body?.startsWith('{') ? JSON.parse(body) : body;
  await loop(resolved, Number(warmMs));
  const rates = await loop(resolved, Number(measureMs));
  perSecond[label] = rates.wall;
  perCpuSecond[label] = rates.cpu;
}
process.stdout.write(`${JSON.stringify({ perSecond, perCpuSecond, bodies })}\n`);
process.exit(0);
