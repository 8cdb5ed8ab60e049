import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb.js';

/**
 * The local stack's own DynamoDB (dynalite with our transactions), persisted to a temporary directory on a
 * fixed port, so a suite can stop it mid-load and start it again on the same port with the same data: to
 * the API it is storage going away and coming back.
 */
export class RestartableDynamoDb {
  private server: EmbeddedDynamoDb | undefined;

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
    this.server = await startEmbeddedDynamoDb({ path: this.path, port: this.port });
    this.port = Number(new URL(this.server.endpoint).port);
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(this.path, { recursive: true, force: true });
  }
}
