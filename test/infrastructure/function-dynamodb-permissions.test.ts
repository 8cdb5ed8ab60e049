import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeWorld, sendTo } from '../../bench/measures/dynamodb-calls.js';
import { type Call, SCENARIOS, type World } from '../../bench/measures/route-scenarios.js';
import { loadTemplate, resourcesOfType } from '../../scripts/template/template.js';
import { composeApi } from '../../src/composition/compose-api.js';
import { composeBroadcast } from '../../src/composition/compose-broadcast.js';
import { composeCommentStream } from '../../src/composition/compose-comment-stream.js';
import { composeWebSocket } from '../../src/composition/compose-websocket.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { createBroadcastApp } from '../../src/http/broadcast-app.js';
import { routeAsApiGateway } from '../../src/local/api-gateway-routes.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { type LocalWebSocketGateway, startLocalWebSocketGateway } from '../../src/local/websocket/index.js';
import { createCommentStreamHandler } from '../../src/stream/comment-stream-handler.js';
import { createWebSocketHandler } from '../../src/websocket/websocket-handler.js';
import type { SentCommand } from '../support/count-commands.js';
import { dynamoDbActions } from './support/dynamodb-actions.js';
import { heldStream } from './support/held-stream.js';
import { allowStatements, grants } from './support/iam-statements.js';
import { resolve, scenario } from './support/intrinsics.js';
import { destroyRecordedDocuments, recordedComposition } from './support/recording-documents.js';
import { webSocketEvents } from './support/websocket-events.js';

vi.mock('../../src/composition/create-documents.js', () => import('./support/recording-documents.js'));

/**
 * Each function's IAM policy in the template allows every DynamoDB call its code makes: the functions'
 * real compositions on dynalite, their documents recording each call, driven through representative
 * scenarios (every API route, the WebSocket routes, broadcasts, the stream's pushes, sweeps and renames).
 * Locally every call is allowed, so a call the policy lacks (a new GetItem in the stream function) would
 * otherwise first show in AWS as AccessDenied. This checks the calls the scenarios drive, not every code
 * path: a branch no scenario reaches can still need an action the policy lacks.
 */
const template = await loadTemplate();
const deployed = scenario(template, {
  Environment: 'production',
  AllowedOrigins: 'https://blog.example.com',
});
const tables = resourcesOfType(template, 'AWS::DynamoDB::Table').map(([logicalId]) => ({
  logicalId,
  name: String(resolve(template, { Ref: logicalId }, deployed)),
  arn: String(resolve(template, { 'Fn::GetAtt': [logicalId, 'Arn'] }, deployed)),
}));
const tableNamed = (logicalId: string) => {
  const table = tables.find((t) => t.logicalId === logicalId);
  if (!table) throw new Error(`the template has no table ${logicalId}`);
  return table.name;
};

/** The key the SCENARIOS' broadcast call carries (bench/measures/route-scenarios.ts). */
const BROADCAST_KEY = 'bench-broadcast-key-of-at-least-32-chars';

type FunctionId = 'ApiFunction' | 'WebSocketFunction' | 'CommentStreamFunction' | 'BroadcastFunction';
const FUNCTIONS: FunctionId[] = [
  'ApiFunction',
  'WebSocketFunction',
  'CommentStreamFunction',
  'BroadcastFunction',
];

interface Recorded {
  fn: FunctionId;
  scenario: string;
  command: SentCommand;
}

describe('each function’s IAM policy allows the DynamoDB calls its code makes', () => {
  let db: EmbeddedDynamoDb;
  let dataDir: string;
  let gateway: LocalWebSocketGateway;
  let stream: ReturnType<typeof heldStream> | undefined;
  const recorded: Recorded[] = [];

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    dataDir = await mkdtemp(join(tmpdir(), 'blogapp-iam-calls-'));
    // The management API the pushes go to; the WebSocket function it would invoke is bound once composed.
    let websocket: ReturnType<typeof createWebSocketHandler> | undefined;
    gateway = await startLocalWebSocketGateway({
      handler: (event) => (websocket as NonNullable<typeof websocket>)(event),
      options: { port: 0 },
    });
    const config = loadConfig({
      APP_REPOSITORY_PROVIDER: 'dynamodb',
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: tableNamed('Table'),
      APP_DYNAMODB_CONNECTIONS_TABLE: tableNamed('ConnectionsTable'),
      APP_DATA_DIR: dataDir,
      APP_BROADCAST_KEY: BROADCAST_KEY,
      APP_WEBSOCKET_MANAGEMENT_ENDPOINT: gateway.managementEndpoint,
      APP_PUBLIC_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'ERROR',
    });

    const api = await recordedComposition(() => composeApi(config));
    const wsFn = await recordedComposition(() => composeWebSocket(config));
    const streamFn = await recordedComposition(() => composeCommentStream(config));
    const broadcast = await recordedComposition(() => composeBroadcast(config));
    const sent: Record<FunctionId, SentCommand[]> = {
      ApiFunction: api.sent,
      WebSocketFunction: wsFn.sent,
      CommentStreamFunction: streamFn.sent,
      BroadcastFunction: broadcast.sent,
    };
    /** Files what every function called since the last scenario under `name`. */
    const collect = (name: string) => {
      for (const fn of FUNCTIONS) {
        for (const command of sent[fn].splice(0)) recorded.push({ fn, scenario: name, command });
      }
    };

    websocket = createWebSocketHandler(wsFn.composition);
    const fetch = routeAsApiGateway({
      api: createApp(api.composition).fetch,
      broadcast: createBroadcastApp(broadcast.composition).fetch,
    });
    const send = sendTo(fetch);
    const expectStatus = async (call: Call, status: number) => {
      const answer = await send(call);
      if (answer.status !== status) {
        throw new Error(`${call.method} ${call.path} answered ${answer.status}, not ${status}`);
      }
      return answer.body;
    };

    stream = heldStream(db.streams, tableNamed('Table'), createCommentStreamHandler(streamFn.composition));
    const ws = webSocketEvents(websocket);
    const comment = (world: World, postId: string) =>
      expectStatus(
        { method: 'POST', path: `/api/posts/${postId}/comments`, token: world.bob, body: { body: 'c' } },
        201,
      ).then((body) => String(body.id));
    const deleteComment = (world: World, postId: string, commentId: string) =>
      expectStatus(
        { method: 'DELETE', path: `/api/posts/${postId}/comments/${commentId}`, token: world.bob },
        204,
      );
    const post = (world: World) =>
      expectStatus(
        { method: 'POST', path: '/api/posts', token: world.alice, body: { title: 't', body: 'b' } },
        201,
      ).then((body) => String(body.id));
    const deletePost = (world: World, postId: string) =>
      expectStatus(
        {
          method: 'DELETE',
          path: `/api/posts/${postId}`,
          token: world.alice,
          headers: { 'if-match': '"v1"' },
        },
        204,
      );

    const world = await makeWorld(send);
    await stream.deliver();
    collect('the world the scenarios start from');

    // The API (and the broadcast route), every route the bench measures.
    for (const route of SCENARIOS) {
      const name = route.variant ? `${route.route} (${route.variant})` : route.route;
      const prepared = (await route.prepare?.(send, world)) ?? {};
      await expectStatus(route.act(world, prepared), route.status);
      await stream.deliver();
      collect(name);
    }

    // The WebSocket function.
    const anonymous = await ws.connect();
    collect('$connect without a token');
    const signedIn = await ws.connect(world.alice);
    collect('$connect with a token');
    await ws.frame(signedIn, { action: 'subscribe', postId: world.postId }, 'subscribed');
    collect('subscribe');
    await ws.frame(signedIn, { action: 'ping' }, 'pong');
    collect('ping');
    await ws.frame(signedIn, { action: 'unsubscribe', postId: world.postId }, 'unsubscribed');
    collect('unsubscribe');
    await ws.disconnect(anonymous);
    collect('$disconnect');

    // The broadcast function, to a post's readers and to everyone.
    const broadcastCall = (body: Record<string, string>): Call => ({
      method: 'POST',
      path: '/broadcast/comments',
      headers: { 'x-broadcast-key': BROADCAST_KEY },
      body,
    });
    await ws.goneReaderOf(world.postId);
    await expectStatus(broadcastCall({ postId: world.postId, message: 'to a post' }), 202);
    collect('broadcast to a post');
    await expectStatus(broadcastCall({ message: 'to everyone' }), 202);
    collect('broadcast to everyone');

    // The stream function, each change with a reader to push to.
    await ws.goneReaderOf(world.postId);
    const created = await comment(world, world.postId);
    await stream.deliver();
    collect('stream: a comment created');

    await ws.goneReaderOf(world.postId);
    await deleteComment(world, world.postId, created);
    await stream.deliver();
    collect('stream: a comment deleted by its author');

    const swept = await post(world);
    await comment(world, swept);
    await stream.deliver();
    await ws.goneReaderOf(swept);
    await deletePost(world, swept);
    await stream.deliver();
    collect('stream: a post with comments deleted (post.deleted pushed, comments swept)');

    const gone = await post(world);
    const late = await comment(world, gone);
    await stream.deliver();
    await ws.goneReaderOf(gone);
    await deleteComment(world, gone, late);
    await deletePost(world, gone);
    await stream.deliver();
    collect('stream: a comment’s removal arriving after its post is gone');

    await expectStatus(
      { method: 'PATCH', path: '/api/me', token: world.alice, body: { displayName: 'Alice Renamed' } },
      200,
    );
    await stream.deliver();
    collect('stream: a rename');
  }, 120_000);

  afterAll(async () => {
    stream?.close();
    destroyRecordedDocuments();
    await gateway?.close();
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const statements = allowStatements(template);
  const arnOf = (name: string) => {
    const table = tables.find((t) => t.name === name);
    if (!table) throw new Error(`a call named table ${name}, which is none of the template's`);
    return table.arn;
  };
  const resolveArn = (resource: unknown) => String(resolve(template, resource, deployed));

  it.each(FUNCTIONS)('%s: its statements allow every call the scenarios made it send', (fn) => {
    const calls = recorded.filter((r) => r.fn === fn);
    // A function the scenarios never drove would pass vacuously.
    expect(calls.length).toBeGreaterThan(0);
    const own = statements.filter((statement) => statement.owner === fn);
    const denied = new Set<string>();
    for (const { scenario: name, command } of calls) {
      for (const { action, table, index } of dynamoDbActions(command)) {
        const arn = index ? `${arnOf(table)}/index/${index}` : arnOf(table);
        if (!own.some((statement) => grants(statement, action, arn, resolveArn))) {
          const on = tables.find((t) => t.name === table)?.logicalId;
          denied.add(`${action} on ${on}${index ? `/index/${index}` : ''} (${name})`);
        }
      }
    }
    expect([...denied]).toEqual([]);
  });
});

describe('how a recorded call is checked', () => {
  it('names the actions IAM checks: a transaction’s per item, a Query’s on its index, a batch’s per table', () => {
    const transaction: SentCommand = {
      name: 'TransactWriteItemsCommand',
      input: {
        TransactItems: [{ ConditionCheck: { TableName: 'c' } }, { Put: { TableName: 'c' } }],
      },
    };
    expect(dynamoDbActions(transaction)).toEqual([
      { action: 'dynamodb:ConditionCheckItem', table: 'c' },
      { action: 'dynamodb:PutItem', table: 'c' },
    ]);
    expect(dynamoDbActions({ name: 'QueryCommand', input: { TableName: 't', IndexName: 'gsi1' } })).toEqual([
      { action: 'dynamodb:Query', table: 't', index: 'gsi1' },
    ]);
    expect(
      dynamoDbActions({ name: 'BatchWriteItemCommand', input: { RequestItems: { a: [], b: [] } } }),
    ).toEqual([
      { action: 'dynamodb:BatchWriteItem', table: 'a' },
      { action: 'dynamodb:BatchWriteItem', table: 'b' },
    ]);
  });

  it('grants on the table ARN alone, not on its indexes, and only the actions listed', () => {
    const statement = { owner: 'F', Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:t' };
    const same = (resource: unknown) => String(resource);
    expect(grants(statement, 'dynamodb:GetItem', 'arn:t', same)).toBe(true);
    expect(grants(statement, 'dynamodb:GetItem', 'arn:t/index/gsi1', same)).toBe(false);
    expect(grants(statement, 'dynamodb:Query', 'arn:t', same)).toBe(false);
    expect(
      grants({ ...statement, Resource: 'arn:t/index/*' }, 'dynamodb:GetItem', 'arn:t/index/gsi1', same),
    ).toBe(true);
  });
});
