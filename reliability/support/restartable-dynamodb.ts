import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';
import type { StreamListener } from '../../src/local/stream/stream-recorder.js';

/**
 * The local stack's own DynamoDB (dynalite with our transactions), persisted to a temporary directory on a
 * fixed port, so a suite can stop it mid-load and start it again on the same port with the same data: to
 * the API it is storage going away and coming back.
 */
export class RestartableDynamoDb {
  private server: EmbeddedDynamoDb | undefined;
  private readonly followers = new Set<{ table: string; listener: StreamListener; stop?: () => void }>();

  /** Its tables' streams, followed across stops and restarts (each restart is a new server). */
  readonly streams = {
    subscribe: (table: string, listener: StreamListener): (() => void) => {
      const follower: { table: string; listener: StreamListener; stop?: () => void } = { table, listener };
      const stop = this.server?.streams.subscribe(table, listener);
      if (stop) follower.stop = stop;
      this.followers.add(follower);
      return () => {
        follower.stop?.();
        this.followers.delete(follower);
      };
    },
  };

  private constructor(
    readonly path: string,
    private port: number,
  ) {}

  static async start(): Promise<RestartableDynamoDb> {
    const db = new RestartableDynamoDb(await mkdtemp(join(tmpdir(), 'blogapp-reliability-db-')), 0);
    await db.resume();
    return db;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Stops answering: the port is closed and open connections are cut. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }

  /** Starts again on the same port with the same data. */
  async resume(): Promise<void> {
    if (this.server) return;
    const server = await startEmbeddedDynamoDb({ path: this.path, port: this.port });
    this.server = server;
    this.port = Number(new URL(server.endpoint).port);
    for (const follower of this.followers)
      follower.stop = server.streams.subscribe(follower.table, follower.listener);
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(this.path, { recursive: true, force: true });
  }
}
