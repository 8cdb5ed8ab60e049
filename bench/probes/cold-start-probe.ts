/**
 * Runs in a fresh Node process, as Lambda's runtime does: imports a handler bundle, then invokes it with
 * each event of a JSON file in turn. Prints, as one JSON line, when the module was loaded and each
 * response came back (ms since the process started) and the RSS after the last.
 * Usage: node cold-start-probe.mjs <bundle/index.mjs> <events.json> [<loaded-files-hooks.mjs>]
 * With the hooks module (an untimed run), every file loaded is listed in BENCH_LOADED_FILES.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { lambdaContext } from '../../test/support/lambda-context.js';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;

const [bundle, eventsFile, hooks] = process.argv.slice(2);
if (!bundle || !eventsFile) throw new Error('usage: cold-start-probe <bundle> <events.json> [<hooks>]');
if (hooks) register(pathToFileURL(hooks).href);
const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as unknown[];

const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
const loadedMs = performance.now();
const responses: { atMs: number; status: number }[] = [];
for (const event of events) {
  const { statusCode } = await handler(event, lambdaContext('blogapp-bench'));
  responses.push({ atMs: performance.now(), status: statusCode });
}
const rssBytes = process.memoryUsage.rss();
process.stdout.write(`${JSON.stringify({ loadedMs, responses, rssBytes })}\n`);
// The SDK's keep-alive sockets would hold the process open; Lambda freezes it instead.
process.exit(0);
