import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeApi } from '../../src/composition/compose-api.js';
import { composeBroadcast } from '../../src/composition/compose-broadcast.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/http/app.js';
import { servedRoutes } from '../../src/http/app-shell.js';
import { createBroadcastApp } from '../../src/http/broadcast-app.js';
import { API_ROUTES } from '../../src/http/docs/openapi-document.js';

/** What the apps serve that is not the contract's API: the docs themselves, the local stand-ins for S3 and the issuer. */
const UNDOCUMENTED = /^\/(docs|openapi\.json|local-uploads|\.well-known)/;

// The document lists the routes it is told of (API_ROUTES): a route mounted but not listed would be
// served and never documented, nor in the web client's generated types.
describe('the documented routes', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are exactly the routes the API and broadcast apps serve', async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-routes-'));
    const config = loadConfig({
      APP_REPOSITORY_PROVIDER: 'memory',
      APP_DATA_DIR: dir,
      LOG_LEVEL: 'ERROR',
      // Nothing is pushed: the broadcast app is built only to read its routes.
      APP_WEBSOCKET_MANAGEMENT_ENDPOINT: 'http://127.0.0.1:9/local',
    });
    const apps = [createApp(await composeApi(config)), createBroadcastApp(await composeBroadcast(config))];
    const served = apps
      .flatMap(servedRoutes)
      .filter(({ path }) => !UNDOCUMENTED.test(path))
      .map(({ method, path }) => `${method} ${path.replaceAll(/:(\w+)/g, '{$1}')}`);
    const documented = API_ROUTES.map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });
});
