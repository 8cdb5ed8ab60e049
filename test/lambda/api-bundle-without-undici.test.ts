import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../scripts/template/bundle.js';
import { esbuildFunctions } from '../../scripts/template/functions.js';
import { loadTemplate } from '../../scripts/template/template.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { awsEvent, httpEvent } from '../support/aws-events.js';

/**
 * Node loads undici (its fetch classes, ~20 ms of a cold start's CPU and 3 MiB) at the first use of
 * Headers, Request or Response, and lists it in `process.moduleLoadList` once loaded. The probe runs in a
 * fresh Node, as Lambda does: it imports the API bundle built as the template says, invokes it with each
 * event, and reports after each whether undici is loaded; last, it uses a Headers itself, which must flip
 * the same signal, so a Node where the signal no longer works fails here instead of passing.
 */
const PROBE = `
const [bundle, eventsFile] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const undici = () => process.moduleLoadList.includes('NativeModule internal/deps/undici/undici');
const { handler } = await import(bundle);
const report = { afterInit: undici(), answers: [] };
const vars = {};
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
  const resolved = JSON.parse(JSON.stringify(event).replace(/{{(\\w+)}}/g, (_, name) => vars[name] ?? ''));
  const context = { awsRequestId: 'probe', functionName: 'blogapp-api', getRemainingTimeInMillis: () => 10000 };
  const result = await handler(resolved, context);
  const body = result.body.startsWith('{') ? JSON.parse(result.body) : {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') vars[name] = value;
  report.answers.push({ status: result.statusCode, undici: undici() });
}
new Headers();
report.control = undici();
process.stdout.write(JSON.stringify(report));
process.exit(0);
`;

interface Report {
  afterInit: boolean;
  answers: { status: number; undici: boolean }[];
  control: boolean;
}

function runProbe(bundle: string, events: string, env: Record<string, string>): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', PROBE, bundle, events], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Report) : reject(new Error(`probe exited ${code}: ${err}`)),
    );
  });
}

/** The REST API 1.0 sample aimed at one path, with its multi-value headers and query string as AWS sends. */
function restEvent(method: string, path: string) {
  const event = awsEvent<Record<string, unknown> & { requestContext: Record<string, unknown> }>(
    'py_apiGatewayProxyEvent',
  );
  return {
    ...event,
    httpMethod: method,
    path,
    requestContext: { ...event.requestContext, httpMethod: method },
  };
}

/** The Function URL sample, with a real Function URL host in place of its placeholder ("<url-id>…"). */
function functionUrlEvent(method: string, path: string) {
  const event = httpEvent('py_lambdaFunctionUrlEvent', { method, path });
  event.requestContext.domainName = 'abcdefghij.lambda-url.us-east-1.on.aws';
  return event;
}

describe('the API bundle answers reads and writes without loading undici', () => {
  let work: string;
  let db: EmbeddedDynamoDb;
  let bundle: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'blogapp-undici-'));
    db = await startEmbeddedDynamoDb();
    const api = esbuildFunctions(await loadTemplate()).find((fn) => fn.logicalId === 'ApiFunction');
    if (!api) throw new Error('the template has no ApiFunction');
    await bundleFunction(api, work);
    bundle = join(work, 'ApiFunction', 'index.mjs');
  });
  afterAll(async () => {
    await db.close();
    await rm(work, { recursive: true, force: true });
  });

  it('from init through writes and reads in every event shape, until something uses a fetch class', async () => {
    const json = { 'content-type': 'application/json' };
    const signedIn = { ...json, authorization: 'Bearer {{token}}' };
    const events = [
      httpEvent('py_apiGatewayProxyV2Event_GET', { method: 'GET', path: '/api/health' }),
      httpEvent('py_apiGatewayProxyV2Event', {
        method: 'POST',
        path: '/api/dev/token',
        headers: json,
        body: JSON.stringify({ userId: 'probe-user', name: 'Probe' }),
      }),
      httpEvent('py_apiGatewayProxyV2Event', {
        method: 'POST',
        path: '/api/posts',
        headers: signedIn,
        body: JSON.stringify({ title: 'Without undici', body: 'A post.' }),
        base64: true,
      }),
      httpEvent('py_apiGatewayProxyV2Event_GET', { method: 'GET', path: '/api/posts/{{id}}' }),
      functionUrlEvent('GET', '/api/posts/{{id}}'),
      restEvent('GET', '/api/posts/{{id}}'),
      httpEvent('py_apiGatewayProxyV2Event_GET', { method: 'HEAD', path: '/api/posts/{{id}}' }),
    ];
    const eventsFile = join(work, 'events.json');
    await writeFile(eventsFile, JSON.stringify(events));
    const report = await runProbe(bundle, eventsFile, {
      APP_ENVIRONMENT: 'local',
      APP_REPOSITORY_PROVIDER: 'dynamodb',
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: 'blogapp-undici-test',
      APP_DATA_DIR: work,
      LOG_LEVEL: 'ERROR',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
      NODE_NO_WARNINGS: '1',
    });
    expect(report.answers.map((answer) => answer.status)).toEqual([200, 200, 201, 200, 200, 200, 200]);
    expect(report.afterInit).toBe(false);
    expect(report.answers.map((answer) => answer.undici)).toEqual(events.map(() => false));
    expect(report.control).toBe(true);
  });
});
