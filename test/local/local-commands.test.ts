import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from '../support/api-request.js';
import { type LongRunningCli, runCliProcess, startCliProcess } from '../support/cli-process.js';

/**
 * `make local` on ports of its own choosing, then the commands a newcomer runs next — with nothing but the
 * data dir in common, as when they are typed in another terminal of the same checkout.
 */
describe('local commands follow the running stack', () => {
  let dataDir: string;
  let stack: LongRunningCli;
  let apiUrl: string;
  const env = () => ({ APP_DATA_DIR: dataDir, LOG_LEVEL: 'ERROR', APP_WEB_DIR: join(dataDir, 'no-web') });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'blogapp-commands-'));
    stack = startCliProcess('src/entry/local/main.ts', [], {
      env: { ...env(), PORT: '0', WS_PORT: '0', APP_REPOSITORY_PROVIDER: 'memory' },
    });
    apiUrl = (await stack.waitFor(/API +(http:\/\/127\.0\.0\.1:\d+) /))[1] ?? '';
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records where it runs in the data dir', async () => {
    const record = JSON.parse(await readFile(join(dataDir, 'stack.json'), 'utf8'));
    expect(record).toMatchObject({ apiUrl, wsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/) });
  });

  it('seeds the running stack without being told its port', async () => {
    const seed = await runCliProcess('src/entry/cli/seed.ts', [], { env: env() });
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
    const posts = await apiRequest(apiUrl, 'GET', '/api/posts');
    expect(posts.body.items.length).toBeGreaterThan(0);
  });

  it('runs the smoke suite against the running stack without being told its ports', async () => {
    const smoke = await runCliProcess('src/entry/cli/smoke.ts', [], { env: env() });
    expect(smoke.stdout).toContain(`smoke suite against ${apiUrl}`);
    expect(smoke.code).toBe(0);
  });

  it('prints a comment pushed to the post `npm run live` watches', async () => {
    const alice = (await apiRequest(apiUrl, 'POST', '/api/dev/token', { body: { userId: 'alice' } })).body
      .token;
    const post = await apiRequest(apiUrl, 'POST', '/api/posts', {
      token: alice,
      body: { title: 'watched', body: 'b' },
    });
    const live = startCliProcess('src/entry/cli/live.ts', [post.body.id, '--as', 'bob'], { env: env() });
    try {
      await live.waitFor(/watching post \S+ as bob/);
      await apiRequest(apiUrl, 'PATCH', '/api/me', { token: alice, body: { displayName: 'Alice' } });
      await apiRequest(apiUrl, 'POST', `/api/posts/${post.body.id}/comments`, {
        token: alice,
        body: { body: 'seen from a terminal' },
      });
      await live.waitFor(/\+ Alice: seen from a terminal/);
    } finally {
      await live.stop();
    }
  });

  it('says to start the stack, for the smoke suite and the seed alike, when no stack answers', async () => {
    // A port just let go of: nothing listens there, as when `make local` was never started.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise((closed) => probe.close(closed));
    const nowhere = { APP_DATA_DIR: join(dataDir, 'never-started'), LOG_LEVEL: 'ERROR', PORT: String(port) };
    for (const [script, target] of [
      ['src/entry/cli/smoke.ts', 'make smoke'],
      ['src/entry/cli/seed.ts', 'make seed'],
    ] as const) {
      const run = await runCliProcess(script, [], { env: { ...nowhere, WS_PORT: '0' } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`No local stack answers at http://127.0.0.1:${port}`);
      expect(run.stderr).toContain(`Start it with \`make local\`, then run \`${target}\` again.`);
    }
  });

  it('refuses a second stack on the same data dir, a bad port and a shared port, each in one line', async () => {
    const start = (vars: Record<string, string>) =>
      runCliProcess('src/entry/local/main.ts', [], {
        env: { ...env(), APP_REPOSITORY_PROVIDER: 'memory', ...vars },
      });
    const elsewhere = join(dataDir, 'other');
    // Three starts at once: each is its own process, and this is slow work on a busy machine.
    const [second, badPort, sharedPort] = await Promise.all([
      start({ PORT: '0', WS_PORT: '0' }),
      start({ APP_DATA_DIR: elsewhere, PORT: 'abc' }),
      start({ APP_DATA_DIR: elsewhere, PORT: '3400', WS_PORT: '3400' }),
    ]);
    for (const run of [second, badPort, sharedPort]) {
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(second.stderr).toMatch(
      /^make local: another local stack \(pid \d+, http:\/\/127\.0\.0\.1:\d+\) is using /,
    );
    expect(badPort.stderr).toMatch(/^make local: PORT="abc" is not valid: a port number 1–65535/);
    expect(sharedPort.stderr).toMatch(/^make local: PORT and WS_PORT are both 3400/);
  });
});
