/**
 * The SDK's document client (as createDynamoDbClient sets it up) against the thin client over HTTP
 * (createHttpDocuments), each bundled as the Lambda functions are (esbuild, ESM, splitting, minified) and run
 * in a fresh Node process against one dynalite: bytes loaded at start, CPU from process start to the first
 * GetItem + Query answered, RSS then, and CPU per GetItem + Query once warm (the client's process only).
 * Prints a Markdown table. Usage: npx tsx bench/probes/dynamodb-clients-probe.ts [runs=5]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createDynamoDbClient, ensureTable } from '../../src/adapters/dynamodb/index.js';
import { startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';

const root = resolve(import.meta.dirname, '../..');
const runs = Number(process.argv[2] ?? 5);
const TABLE = 'bench';

interface Sample {
  firstCpuMs: number;
  rssMiB: number;
  perPairUs: number;
}

const calls = {
  sdk: `
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient } from '${root}/src/adapters/dynamodb/dynamodb-client.ts';
const client = createDynamoDbClient({ endpoint: process.env.ENDPOINT, region: 'us-east-1' });
const get = (input) => client.send(new GetCommand(input));
const query = (input) => client.send(new QueryCommand(input));`,
  thin: `
import { createHttpDocuments } from '${root}/src/adapters/dynamodb/documents-over-http.ts';
const client = createHttpDocuments({ endpoint: process.env.ENDPOINT, region: 'us-east-1' });
const get = (input) => client.get(input);
const query = (input) => client.query(input);`,
};

const measure = `
const pair = async () => {
  await get({ TableName: '${TABLE}', Key: { pk: 'POST#1', sk: 'POST' } });
  await query({ TableName: '${TABLE}', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'POST#1' } });
};
await pair();
const first = process.cpuUsage();
const rssBytes = process.memoryUsage.rss();
for (let i = 0; i < 300; i++) await pair();
const before = process.cpuUsage();
const N = 1000;
for (let i = 0; i < N; i++) await pair();
const spent = process.cpuUsage(before);
process.stdout.write(JSON.stringify({
  firstCpuMs: (first.user + first.system) / 1000,
  rssMiB: rssBytes / 2 ** 20,
  perPairUs: (spent.user + spent.system) / N,
}));
process.exit(0);`;

const db = await startEmbeddedDynamoDb();
const setup = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
await ensureTable(setup, TABLE);
const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
await setup.send(
  new PutCommand({ TableName: TABLE, Item: { pk: 'POST#1', sk: 'POST', title: 'Hello', n: 1 } }),
);
for (let i = 0; i < 5; i++) {
  await setup.send(
    new PutCommand({ TableName: TABLE, Item: { pk: 'POST#1', sk: `COMMENT#${i}`, body: 'x'.repeat(200) } }),
  );
}
setup.destroy();

const folder = await mkdtemp(join(tmpdir(), 'dynamodb-clients-'));
const rows: string[] = [];
try {
  for (const [kind, code] of Object.entries(calls)) {
    const outdir = join(folder, kind);
    const entry = join(folder, `${kind}.mjs`);
    await writeFile(entry, code + measure);
    const { metafile } = await build({
      entryPoints: [entry],
      outdir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      splitting: true,
      minify: true,
      target: 'node22',
      mainFields: ['module', 'main'],
      outExtension: { '.js': '.mjs' },
      metafile: true,
      nodePaths: [join(root, 'node_modules')],
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'error',
    });
    const main = join(outdir, `${kind}.mjs`);
    const loaded = await loadedBytes(
      metafile.outputs,
      Object.keys(metafile.outputs).find((o) => o.endsWith(`${kind}.mjs`)) ?? '',
    );
    const results: Sample[] = [];
    for (let run = 0; run < runs; run++) {
      const { stdout } = await promisify(execFile)(process.execPath, [main], {
        env: {
          ...process.env,
          ENDPOINT: db.endpoint,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      });
      results.push(JSON.parse(stdout) as Sample);
    }
    const med = (pick: (r: Sample) => number) => median(results.map(pick));
    rows.push(
      `| ${kind} | ${(loaded / 1024).toFixed(0)} KB | ${((await stat(main)).size / 1024).toFixed(0)} KB | ` +
        `${med((r) => r.firstCpuMs).toFixed(0)} ms | ${med((r) => r.rssMiB).toFixed(1)} MiB | ` +
        `${(med((r) => r.perPairUs) / 1000).toFixed(2)} ms |`,
    );
  }
} finally {
  await rm(folder, { recursive: true, force: true });
  await db.close();
}
process.stdout.write(
  `| client | bytes loaded at start | entry chunk | CPU, start → GetItem + Query answered | RSS then | CPU per GetItem + Query, warm |\n` +
    `|---|---:|---:|---:|---:|---:|\n${rows.join('\n')}\n(median of ${runs} runs each)\n`,
);

/** The entry chunk and every chunk it imports statically: what a process loads before its first call. */
async function loadedBytes(
  outputs: Record<string, { bytes: number; imports: { path: string; kind: string }[] }>,
  entry: string,
): Promise<number> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || !outputs[path]) return;
    seen.add(path);
    for (const imported of outputs[path].imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return [...seen].reduce((sum, path) => sum + (outputs[path]?.bytes ?? 0), 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
