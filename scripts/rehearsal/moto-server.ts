import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('no free loopback port');
  return address.port;
}

/**
 * Starts `moto_server` (AWS APIs emulated, CloudFormation included) on a free loopback port and waits until
 * it answers. The error says how to install it when it is missing.
 */
export async function startMoto({ timeoutMs = 30_000 } = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<never>((_, fail) => {
    child.once('error', (error) =>
      fail(
        new Error(
          `moto_server could not start (${error.message}): install it with \`pip install 'moto[server]'\`.`,
        ),
      ),
    );
    child.once('exit', (code) => fail(new Error(`moto_server exited (${code}): ${stderr}`)));
  });
  exited.catch(() => undefined);
  const started = Date.now();
  for (;;) {
    const up = await Promise.race([
      fetch(`${endpoint}/moto-api/`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (up) break;
    if (Date.now() - started > timeoutMs) {
      child.kill();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs / 1000} s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.removeAllListeners('exit');
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
