import { join } from 'node:path';
import { composeLocal } from '../../src/composition/compose-local.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { servedRoutes } from '../../src/http/app-shell.js';
import { createBroadcastApp } from '../../src/http/broadcast-app.js';
import { routeAsApiGateway } from '../../src/local/api-gateway-routes.js';
import { startBenchDynamoDb } from '../lib/bench-dynamodb.js';
import { awaitAfterwards, streamFunction } from '../lib/bench-stream-function.js';
import type { BenchContext } from '../lib/context.js';
import type { MeasureResult } from '../lib/result.js';
import { RULE, viewerOf } from './dynamodb-call-rules.js';
import { type RouteKind, SCENARIOS, type Send, type World } from './route-scenarios.js';

interface Counted {
  route: string;
  kind: RouteKind;
  commands: string[];
  /** What the stream function did afterwards, once it was seen complete. */
  afterwards?: { what: string; commands: string[] };
  holds: boolean;
}

/**
 * DynamoDB commands per route: the app in-process on dynalite, counted on the documents port its storage calls, each
 * route driven once after uncounted set-up. A transaction is one command. Every route the app registers
 * must have a scenario, or the table says it was not measured.
 */
export async function measureDynamoDbCalls(ctx: BenchContext): Promise<MeasureResult> {
  ctx.progress.step('DynamoDB calls per route');
  const db = await startBenchDynamoDb();
  try {
    const broadcastKey = 'bench-broadcast-key-of-at-least-32-chars';
    const config = loadConfig({
      APP_REPOSITORY_PROVIDER: 'dynamodb',
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DATA_DIR: join(ctx.work, 'dynamodb-calls-data'),
      APP_BROADCAST_KEY: broadcastKey,
      APP_WEBSOCKET_MANAGEMENT_ENDPOINT: 'http://127.0.0.1:9/bench',
      APP_PUBLIC_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'ERROR',
    });
    const sent = db.recordCommands();
    // The API and the broadcast function's apps, routed as API Gateway routes them.
    const composed = await composeLocal(config, { storage: db.storage });
    const apps = [createApp(composed.api), createBroadcastApp(composed.broadcast)] as const;
    const fetch = routeAsApiGateway({ api: apps[0].fetch, broadcast: apps[1].fetch });
    // The stream function on a client of its own, so its commands are told apart from the routes'.
    const streamWork = await streamFunction(db, config, {
      logger: composed.commentStream.logger,
      images: composed.api.uploads,
    });
    const send = sendTo(fetch);
    try {
      const world = await makeWorld(send);
      const counted: Counted[] = [];
      for (const scenario of SCENARIOS) {
        const prepared = (await scenario.prepare?.(send, world)) ?? {};
        sent.length = 0;
        streamWork.sent.length = 0;
        const call = scenario.act(world, prepared);
        const { status } = await send(call);
        if (status !== scenario.status) {
          throw new Error(
            `${scenario.route} (${call.method} ${call.path}) answered ${status}, not ${scenario.status}`,
          );
        }
        const commands = sent.map((command) => command.name);
        const afterwards = scenario.afterwards
          ? await awaitAfterwards(scenario, prepared, streamWork.table, streamWork.sent, db.tableName)
          : undefined;
        counted.push({
          route: scenario.variant ? `${scenario.route} (${scenario.variant})` : scenario.route,
          kind: scenario.kind,
          commands,
          ...(afterwards ? { afterwards } : {}),
          holds: RULE[scenario.kind].holds(sent.slice(0, commands.length), viewerOf(call)),
        });
      }
      const registered = new Set(
        apps.flatMap((app) => servedRoutes(app).map((r) => `${r.method} ${r.path}`)),
      );
      const unmeasured = [...registered].filter((route) => !SCENARIOS.some((s) => s.route === route));
      return report(counted, unmeasured);
    } finally {
      await streamWork.close();
    }
  } finally {
    await db.close();
  }
}

/** Sends the scenarios' calls to the apps in-process, as the HTTP API would hand them over. */
export function sendTo(fetch: (request: Request) => Response | Promise<Response>): Send {
  return async (call) => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.body !== undefined) headers['content-type'] ??= 'application/json';
    if (call.raw) headers['content-length'] = String(call.raw.length);
    const body = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const response = await fetch(
      new Request(`http://127.0.0.1${call.path}`, {
        method: call.method,
        headers,
        ...(body ? { body } : {}),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : {} };
  };
}

/** The World the SCENARIOS start from, made through the routes themselves. */
export async function makeWorld(send: Send): Promise<World> {
  const token = async (userId: string) =>
    String(
      (await send({ method: 'POST', path: '/api/dev/token', body: { userId, name: userId } })).body.token,
    );
  const alice = await token('alice');
  const bob = await token('bob');
  const post = await send({
    method: 'POST',
    path: '/api/posts',
    token: alice,
    body: { title: 'World', body: 'b' },
  });
  const postId = String(post.body.id);
  const comment = await send({
    method: 'POST',
    path: `/api/posts/${postId}/comments`,
    token: bob,
    body: { body: 'c' },
  });
  await send({ method: 'PUT', path: `/api/posts/${postId}/favorite`, token: bob });
  // Each user's first signed-in request makes their profile; that write belongs to no route below.
  await send({ method: 'GET', path: '/api/me', token: alice });
  await send({ method: 'GET', path: '/api/me', token: bob });
  return { alice, bob, postId, commentId: String(comment.body.id) };
}

const names = (commands: string[]) => commands.join(', ').replaceAll('Command', '');

function which(c: Counted): string {
  const own = names(c.commands) || '—';
  if (!c.afterwards) return own;
  return `${own}; then, from the stream, ${c.afterwards.what}: ${names(c.afterwards.commands) || '—'}`;
}

/** Which routes are held to the decided rule rather than the issue's, so the summary never hides it. */
function decided(counted: Counted[]): string[] {
  const routes = counted.filter((c) => c.kind === 'own-list').map((c) => c.route);
  return routes.length
    ? [`under the rule decided for a page of one’s own list, not the issue’s: ${routes.join(', ')}`]
    : [];
}

function report(counted: Counted[], unmeasured: string[]): MeasureResult {
  const held = counted.filter((c) => c.holds).length;
  const total = counted.length + unmeasured.length;
  const missing = [
    ...counted.filter((c) => !c.holds).map((c) => c.route),
    ...unmeasured.map((r) => `${r} (not measured)`),
  ];
  const lines = [
    ...counted.map(
      (c) =>
        `| ${c.route} | ${c.kind} | ${RULE[c.kind].text} | ${c.commands.length} | ${which(c)} | ${c.holds ? 'met' : '**missed**'} |`,
    ),
    ...unmeasured.map((route) => `| ${route} | ? | — | — | no scenario | **not measured** |`),
  ];
  return {
    rows: [
      {
        measure:
          'DynamoDB commands per route (reads 1 + the viewer’s own BatchGet, writes ≤ 2, a transaction is 1; a page of one’s own list by decision)',
        ours: `${held} of ${total} routes within their rule`,
        floor: '',
        value: held,
        shown: `${held}/${total}`,
        target: { op: '=', limit: total, unit: ` of ${total}` },
        note: [
          missing.length ? `over: ${missing.join('; ')}` : 'every registered route listed below',
          ...decided(counted),
        ].join('; '),
      },
    ],
    sections: [
      {
        title: 'DynamoDB commands per route',
        markdown: [
          'Counted on the documents port the repositories call (once per command however often it retries), the app in-process',
          'on dynalite, each route driven once after uncounted set-up; a signed-in user’s profile is already cached.',
          'Work a route leaves to the table’s stream runs in the stream function, fed as the local stack feeds it, on',
          'a client of its own: it is waited for, checked done in the table, and listed apart from the route’s count.',
          '',
          '| route | kind | rule | commands | which | result |',
          '| --- | --- | --- | ---: | --- | --- |',
          ...lines,
        ].join('\n'),
      },
    ],
  };
}
