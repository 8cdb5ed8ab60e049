/**
 * Invokes a handler bundle in-process as fast as it answers, one event at a time as Lambda does, and
 * prints events per second for each measured event as one JSON line.
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

async function loop(event: unknown, ms: number): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const { statusCode } = await handler(event, lambdaContext('blogapp-bench'));
    if (statusCode !== 200) throw new Error(`status ${statusCode}`);
    count++;
  }
  return count / (ms / 1000);
}

const perSecond: Record<string, number> = {};
for (const { label, event } of script.measured) {
  const resolved = resolve(event);
  await loop(resolved, Number(warmMs));
  perSecond[label] = await loop(resolved, Number(measureMs));
}
process.stdout.write(`${JSON.stringify({ perSecond })}\n`);
process.exit(0);
