import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbClient, createDynamoDbStorage } from '../../src/adapters/dynamodb/index.js';
import { buildRealtime } from '../../src/composition/build-realtime.js';
import { composeLocal } from '../../src/composition/compose-local.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { createBroadcastApp } from '../../src/http/broadcast-app.js';
import { routeAsApiGateway } from '../../src/local/api-gateway-routes.js';
import { startEventSourceMapping } from '../../src/local/stream/event-source-mapping.js';
import { afterWriteDeps } from '../../src/stream/after-write.js';
import { createCommentStreamHandler } from '../../src/stream/comment-stream-handler.js';
import { recordCommands, type SentCommand } from '../../test/support/count-commands.js';
import { type BenchDynamoDb, startBenchDynamoDb } from '../lib/bench-dynamodb.js';
import type { BenchContext } from '../lib/context.js';
import type { MeasureResult } from '../lib/result.js';
import {
  type Call,
  type RouteKind,
  SCENARIOS,
  type Scenario,
  type Send,
  type TableProbe,
  type World,
} from './route-scenarios.js';

/** What each kind of route may cost in DynamoDB commands, as the issue states it. */
export const RULE: Record<
  RouteKind,
  { text: string; holds: (sent: SentCommand[], viewer?: string) => boolean }
> = {
  // A signed-in user's own profile comes from the per-instance cache once loaded: 0 then, 1 when cold.
  // The one second read allowed is a BatchGet of the viewer's own items (their favorites of a page).
  read: {
    text: '1 (0 if cached); 2 if the 2nd is a BatchGet of the viewer’s own items',
    holds: (sent, viewer) => sent.length <= 1 || (sent.length === 2 && isViewerBatchGet(sent[1], viewer)),
  },
  write: { text: 'at most 2', holds: (sent) => sent.length <= 2 },
  none: { text: 'none', holds: (sent) => sent.length === 0 },
};

/** A BatchGetItem whose every key is an item of the viewer's (`FAV#<viewer>`), not the content itself. */
function isViewerBatchGet(command: SentCommand | undefined, viewer: string | undefined): boolean {
  if (command?.name !== 'BatchGetItemCommand' || !viewer) return false;
  const requests = Object.values(command.input.RequestItems as Record<string, { Keys: { sk?: unknown }[] }>);
  const keys = requests.flatMap((request) => request.Keys);
  return keys.length > 0 && keys.every((key) => key.sk === `FAV#${viewer}`);
}

/** The user a bearer token speaks for: its `sub`, read without verifying (the app has verified it). */
function viewerOf(call: Call): string | undefined {
  const payload = call.token?.split('.')[1];
  if (!payload) return undefined;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string }).sub;
}

interface Counted {
  route: string;
  kind: RouteKind;
  commands: string[];
  /** What the stream function did afterwards, once it was seen complete. */
  afterwards?: { what: string; commands: string[] };
  holds: boolean;
}

/** How long a route's stream work may take before the bench gives up on it (the README says 2 s). */
const AFTERWARDS_TIMEOUT_MS = 20_000;

/**
 * DynamoDB commands per route: the app in-process on dynalite, a counting middleware on its client, each
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
    const sent = recordCommands(db.client);
    // The API and the broadcast function's apps, routed as API Gateway routes them.
    const composed = await composeLocal(config, { storage: db.storage });
    const apps = [createApp(composed.api), createBroadcastApp(composed.broadcast)] as const;
    const fetch = routeAsApiGateway({ api: apps[0].fetch, broadcast: apps[1].fetch });
    // The stream function on a client of its own, so its commands are told apart from the routes'.
    const streamWork = streamFunction(db, config, {
      logger: composed.commentStream.logger,
      images: composed.api.uploads,
    });
    const send: Send = async (call) => {
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
        apps.flatMap((app) =>
          app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
        ),
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

/** The comment-stream function fed by the table's stream, as the local stack runs it, on its own client. */
function streamFunction(
  db: BenchDynamoDb,
  config: Config,
  deps: Pick<Parameters<typeof afterWriteDeps>[0], 'logger' | 'images'>,
) {
  const client = createDynamoDbClient({ endpoint: db.endpoint, region: 'us-east-1' });
  const sent = recordCommands(client);
  const storage = createDynamoDbStorage({
    client,
    tableName: db.tableName,
    connectionsTableName: db.connectionsTableName,
  });
  const mapping = startEventSourceMapping({
    streams: db.streams,
    tableName: db.tableName,
    handler: createCommentStreamHandler(
      afterWriteDeps({ ...deps, storage, realtime: buildRealtime(config, storage) }),
    ),
    logger: deps.logger,
  });
  const table: TableProbe = {
    itemsIn: async (pk) => {
      const { Count } = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          Select: 'COUNT',
        }),
      );
      return Count ?? 0;
    },
  };
  return {
    sent,
    table,
    close: async () => {
      await mapping.close();
      client.destroy();
    },
  };
}

/** Whether a command reads or writes the table (`TableName`, or a key of a batch's `RequestItems`). */
const touches = ({ input }: SentCommand, tableName: string) =>
  input.TableName === tableName || Object.hasOwn((input.RequestItems as object | undefined) ?? {}, tableName);

/** Polls until the scenario's stream work is done, then names the stream function's commands. */
async function awaitAfterwards(
  scenario: Scenario,
  prepared: Record<string, string>,
  table: TableProbe,
  sent: SentCommand[],
  tableName: string,
): Promise<{ what: string; commands: string[] }> {
  const { what, done } = scenario.afterwards as NonNullable<Scenario['afterwards']>;
  const deadline = Date.now() + AFTERWARDS_TIMEOUT_MS;
  while (!(await done(table, prepared))) {
    if (Date.now() > deadline)
      throw new Error(`${scenario.route}: not ${what} within ${AFTERWARDS_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  // Only the content table's: the pushes the sweep's removals cause read the connections table, and may
  // still be going on.
  const onTable = sent.filter((command) => touches(command, tableName));
  return { what, commands: onTable.map((command) => command.name) };
}

async function makeWorld(send: Send): Promise<World> {
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
          'DynamoDB commands per route (reads 1 + the viewer’s own BatchGet, writes ≤ 2, a transaction is 1)',
        ours: `${held} of ${total} routes within their rule`,
        floor: '',
        value: held,
        shown: `${held}/${total}`,
        target: { op: '=', limit: total, unit: ` of ${total}` },
        note: missing.length ? `over: ${missing.join('; ')}` : 'every registered route listed below',
      },
    ],
    sections: [
      {
        title: 'DynamoDB commands per route',
        markdown: [
          'Counted by middleware on the SDK client (once per command however often it retries), the app in-process',
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
