import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from '../../src/adapters/auth/local-issuer.js';
import { createDynamoDbStorage, DynamoDbConnectionStore } from '../../src/adapters/dynamodb/index.js';
import { commentItem, postItem, profileItem } from '../../src/adapters/dynamodb/item-mappers.js';
import { createDocuments, type StorageDocuments } from '../../src/composition/create-documents.js';
import type { Comment } from '../../src/domain/comments/comment.js';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import { type LocalWebSocketGateway, startLocalWebSocketGateway } from '../../src/local/websocket/index.js';
import { awsEvent, dynamoStreamRecord, type HttpV2Event, httpEvent } from '../support/aws-events.js';
import { lambdaContext } from '../support/lambda-context.js';
import { aComment, aPost } from '../support/storage-fixtures.js';
import { openSocket } from '../support/ws-client.js';

type Invoke<E, R> = (event: E, context: Context) => Promise<R>;
interface WsResult {
  statusCode: number;
  body?: string;
}
// biome-ignore lint/suspicious/noExplicitAny: AWS sample events are edited field by field.
type WsEvent = any;
interface HttpResult {
  statusCode: number;
  body: string;
}

/**
 * The three real-time Lambda entries, loaded as Lambda loads them (configuration from the environment at
 * cold start), fed AWS's own sample events, pushing through the local gateway's management API with the
 * real ApiGatewayManagementApiClient, on dynalite.
 */
describe('real-time Lambda entries with AWS sample events', () => {
  let db: EmbeddedDynamoDb;
  let dataDir: string;
  let gateway: LocalWebSocketGateway;
  let websocket: Invoke<WsEvent, WsResult>;
  let stream: Invoke<DynamoDBStreamEvent, DynamoDBBatchResponse>;
  let broadcast: Invoke<HttpV2Event, HttpResult>;
  let connections: DynamoDbConnectionStore;
  /** The documents the tests read the tables through, built as the composition builds them. */
  let peek: StorageDocuments;
  let token: string;
  let postId: string;

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb();
    dataDir = await mkdtemp(join(tmpdir(), 'blogapp-realtime-lambda-'));
    // The gateway runs the deployed WebSocket handler, bound once the entry has loaded.
    gateway = await startLocalWebSocketGateway({
      handler: (event) => websocket(event, lambdaContext('blogapp-websocket')),
      options: { port: 0 },
    });
    Object.assign(process.env, {
      APP_ENVIRONMENT: 'local',
      APP_REPOSITORY_PROVIDER: 'dynamodb',
      APP_DYNAMODB_ENDPOINT: db.endpoint,
      APP_DYNAMODB_TABLE: 'blogapp-rt-test',
      APP_DYNAMODB_CONNECTIONS_TABLE: 'blogapp-rt-test-connections',
      APP_WEBSOCKET_MANAGEMENT_ENDPOINT: gateway.managementEndpoint,
      APP_DATA_DIR: dataDir,
      LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    websocket = (await import('../../src/entry/lambda/websocket.handler.js')).handler as never;
    stream = (await import('../../src/entry/lambda/comment-stream.handler.js')).handler as never;
    broadcast = (await import('../../src/entry/lambda/broadcast.handler.js')).handler as never;
    const api: Invoke<HttpV2Event, HttpResult> = (await import('../../src/entry/lambda/api.handler.js'))
      .handler as never;

    const issuer = await LocalIssuer.open({
      keyFile: join(dataDir, 'local-issuer-key.json'),
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    token = await issuer.issue({ userId: 'alice', name: 'Alice' });
    const created = await api(
      httpEvent('py_apiGatewayProxyV2Event', {
        method: 'POST',
        path: '/api/posts',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'Live', body: 'post' }),
      }),
      lambdaContext(),
    );
    postId = JSON.parse(created.body).id;
    peek = createDocuments({ endpoint: db.endpoint, region: 'us-east-1' });
    connections = new DynamoDbConnectionStore({
      documents: peek.documents,
      tableName: 'blogapp-rt-test-connections',
    });
  });
  afterAll(async () => {
    peek?.destroy();
    await gateway.close();
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const connectSample = (query?: Record<string, string>): WsEvent => {
    const event = awsEvent<WsEvent>('py_apiGatewayWebSocketApiConnect');
    if (query) event.queryStringParameters = query;
    return event;
  };
  const messageSample = (connectionId: string, body: unknown): WsEvent => {
    const event = awsEvent<WsEvent>('py_apiGatewayWebSocketApiMessage');
    event.requestContext.routeKey = '$default';
    event.requestContext.connectionId = connectionId;
    event.body = typeof body === 'string' ? body : JSON.stringify(body);
    return event;
  };

  it('$connect records the connection, anonymous or signed in, and refuses a bad token with 401', async () => {
    const anonymous = connectSample();
    expect((await websocket(anonymous, lambdaContext())).statusCode).toBe(200);
    expect(await connections.get(anonymous.requestContext.connectionId)).toMatchObject({ userId: null });

    const signedIn = connectSample({ token });
    signedIn.requestContext.connectionId = 'SignedInConn1=';
    expect((await websocket(signedIn, lambdaContext())).statusCode).toBe(200);
    expect(await connections.get('SignedInConn1=')).toMatchObject({ userId: 'alice' });

    const forged = connectSample({ token: `${token.slice(0, -4)}AAAA` });
    forged.requestContext.connectionId = 'ForgedConn1=';
    expect((await websocket(forged, lambdaContext())).statusCode).toBe(401);
    expect(await connections.get('ForgedConn1=')).toBeNull();
  });

  it('$default answers in the route response: subscribe, ping, unknown actions, unknown posts', async () => {
    const id = connectSample().requestContext.connectionId;
    const reply = async (body: unknown) =>
      JSON.parse((await websocket(messageSample(id, body), lambdaContext())).body ?? '');
    expect(await reply({ action: 'subscribe', postId })).toEqual({ type: 'subscribed', postId });
    expect(await reply({ action: 'ping' })).toEqual({ type: 'pong' });
    // The sample's own body: an action this API does not have.
    expect(await reply(awsEvent<WsEvent>('py_apiGatewayWebSocketApiMessage').body)).toMatchObject({
      type: 'error',
      code: 'unknown_action',
    });
    expect(await reply({ action: 'subscribe', postId: 'no-such-post' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
  });

  it('ignores stream records that are not comments, as in AWS’s sample stream event', async () => {
    const sample = awsEvent<DynamoDBStreamEvent>('py_dynamoStreamEvent');
    expect(await stream(sample, lambdaContext())).toEqual({ batchItemFailures: [] });
  });

  it('pushes a stream INSERT to a live subscriber, and deletes the record of a connection that is gone', async () => {
    // The sample $connect's connection was subscribed above but has no socket on the gateway: it is stale.
    const stale = connectSample().requestContext.connectionId;
    expect(await connections.subscribersOf(postId)).toContain(stale);
    const reader = await openSocket(gateway.url);
    reader.send({ action: 'subscribe', postId });
    await reader.next('subscribed');

    const comment: Comment = {
      id: '01JCOMMENT0000000000000001',
      postId,
      authorId: 'alice',
      authorName: 'Alice',
      body: 'pushed from the stream',
      createdAt: '2026-11-23T10:00:00.000Z',
    } as Comment;
    const record = dynamoStreamRecord('INSERT', commentItem(comment));
    expect(await stream({ Records: [record] }, lambdaContext())).toEqual({ batchItemFailures: [] });

    expect(await reader.next('comment.created')).toMatchObject({
      type: 'comment.created',
      postId,
      comment: { body: 'pushed from the stream' },
    });
    expect(await connections.get(stale)).toBeNull();
    expect(await connections.subscribersOf(postId)).not.toContain(stale);
    await reader.close();
  });

  it('sweeps a deleted post from its REMOVE record and copies a rename from the profile’s MODIFY record', async () => {
    const { documents } = peek;
    const storage = createDynamoDbStorage({
      documents,
      tableName: 'blogapp-rt-test',
      connectionsTableName: 'blogapp-rt-test-connections',
    });
    const [doomed, kept] = [
      aPost({ authorId: 'zoe', authorName: 'Zoe' }),
      aPost({ authorId: 'zoe', authorName: 'Zoe' }),
    ];
    for (const post of [doomed, kept]) await storage.posts.create(post);
    const comment = aComment(kept.id, { authorId: 'zoe', authorName: 'Zoe' });
    for (const c of [aComment(doomed.id), comment]) await storage.comments.create(c);
    await storage.favorites.add('bob', doomed.id, new Date().toISOString());
    expect(await storage.posts.delete(doomed.id, 1)).toBe(true);
    const profile = { id: 'zoe', displayName: 'Zoe B.', createdAt: '2026-01-01T00:00:00.000Z' };

    const answer = await stream(
      {
        Records: [
          dynamoStreamRecord('REMOVE', postItem(doomed)),
          dynamoStreamRecord('MODIFY', profileItem(profile), profileItem({ ...profile, displayName: 'Zoe' })),
        ],
      },
      lambdaContext(),
    );

    expect(answer).toEqual({ batchItemFailures: [] });
    const left = await documents.query({
      TableName: 'blogapp-rt-test',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `POST#${doomed.id}` },
      ConsistentRead: true,
    });
    expect(left.Items).toEqual([]);
    expect((await storage.posts.find(kept.id))?.post.authorName).toBe('Zoe B.');
    expect((await storage.comments.findWithPost(kept.id, comment.id)).comment?.authorName).toBe('Zoe B.');
  });

  it('serves POST /broadcast/comments to an IAM-signed caller only', async () => {
    const request = {
      method: 'POST',
      path: '/broadcast/comments',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'maintenance' }),
    };
    const signed = await broadcast(httpEvent('apigw-http_iam-auth', request), lambdaContext());
    expect(signed.statusCode).toBe(202);
    expect(JSON.parse(signed.body)).toMatchObject({ failed: 0 });

    // The no-auth sample carries `authorization: Bearer foo`: a bearer token never opens the broadcast.
    const unsigned = await broadcast(httpEvent('apigw-http_no-auth', request), lambdaContext());
    expect(unsigned.statusCode).toBe(403);
    expect(JSON.parse(unsigned.body)).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('the broadcast function serves its one route and nothing of the API', async () => {
    const list = await broadcast(
      httpEvent('apigw-http_iam-auth', { method: 'GET', path: '/api/posts', headers: {} }),
      lambdaContext(),
    );
    expect(list.statusCode).toBe(404);
    expect(JSON.parse(list.body)).toMatchObject({ error: { code: 'not_found' } });
  });
});
