import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { composeApi } from './compose-api.js';
import { composeBroadcast } from './compose-broadcast.js';
import { composeCommentStream } from './compose-comment-stream.js';
import { composeWebSocket } from './compose-websocket.js';

/** Each function builds what it uses and nothing else (the management API is only reached by a push). */
describe('a composition per entry', () => {
  let dir: string;
  let config: Config;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-compose-'));
    config = loadConfig({
      APP_REPOSITORY_PROVIDER: 'memory',
      APP_DATA_DIR: dir,
      LOG_LEVEL: 'ERROR',
      APP_WEBSOCKET_MANAGEMENT_ENDPOINT: 'http://127.0.0.1:9/management',
    });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('the stream function gets pushes, the sweep and the rename: no post service, verifier or HTTP', async () => {
    expect(Object.keys(await composeCommentStream(config)).sort()).toEqual([
      'logger',
      'metrics',
      'realtime',
      'renamer',
      'sweeper',
    ]);
  });

  it('the WebSocket function adds only the token verifier', async () => {
    expect(Object.keys(await composeWebSocket(config)).sort()).toEqual(['logger', 'realtime', 'verifier']);
  });

  it('the broadcast function gets its route’s guard, and no API services', async () => {
    expect(Object.keys(await composeBroadcast(config)).sort()).toEqual([
      'broadcastGuard',
      'config',
      'logger',
      'realtime',
    ]);
  });

  it('the API builds its services and no realtime service', async () => {
    const api = await composeApi(config);
    expect(api).toMatchObject({
      posts: expect.anything(),
      uploads: expect.anything(),
      verifier: expect.anything(),
    });
    expect(api).not.toHaveProperty('realtime');
  });

  it('the functions that push refuse to start without the management endpoint, naming the variable', async () => {
    const { realtime: _, ...rest } = config;
    const without = { ...rest, realtime: { ...config.realtime, managementEndpoint: undefined } } as Config;
    for (const compose of [composeCommentStream, composeWebSocket, composeBroadcast]) {
      await expect(compose(without)).rejects.toThrow(ConfigError);
      await expect(compose(without)).rejects.toThrow(/APP_WEBSOCKET_MANAGEMENT_ENDPOINT/);
    }
  });
});
