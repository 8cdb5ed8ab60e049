import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** moto_server (Python's moto, installed on the machine): AWS's APIs emulated on loopback. */
export interface MotoServer {
  endpoint: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts moto_server on a free port and waits until it answers; its output is kept for failures only. */
export async function startMotoServer(timeoutMs = 60_000): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) => fail(new Error(`moto_server exited (${code}): ${output.join('')}`))),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await Promise.race([
      fetch(`${endpoint}/moto-api/`).then(
        (response) => response.ok,
        () => false,
      ),
      exited,
    ]).catch((error: Error) => {
      throw new Error(`${error.message}\nmoto_server comes with Python's moto (pip install 'moto[server]').`);
    });
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms: ${output.join('')}`);
    }
    await new Promise((tick) => setTimeout(tick, 200));
  }
  return {
    endpoint,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      }),
  };
}
