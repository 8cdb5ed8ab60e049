import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeApi } from '../../src/composition/compose-api.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';

// Hono's SmartRouter settles on its first request for the fastest router that takes every route; one
// route shape RegExpRouter refuses (a static path beside a parameter, as /docs/start.js once was) drops
// every request of the app to TrieRouter. With the docs served, as locally, the app keeps RegExpRouter.
describe('the API app’s router', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is RegExpRouter, with every route and the docs mounted', async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), 'blogapp-router-'));
    const config = loadConfig({ APP_REPOSITORY_PROVIDER: 'memory', APP_DATA_DIR: dir, LOG_LEVEL: 'ERROR' });
    expect(config.exposeDocs).toBe(true);
    const app = createApp(await composeApi(config));
    // Act
    const response = await app.request('/docs/start.js');
    // Assess
    expect(response.status).toBe(200);
    expect(app.router.name).toBe('SmartRouter + RegExpRouter');
  });
});
