import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface MotoServer {
  endpoint: string;
  /** What an AWS client (SDK, terraform) needs to reach it: dummy credentials and a region. */
  env: Record<string, string>;
  /** The requests moto has logged so far, oldest first, as `<METHOD> <path and query>`. */
  requests(): string[];
  stop(): Promise<void>;
}

export const MOTO_REGION = 'us-east-1';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * moto_server on a free loopback port, with AWS's managed IAM policies loaded (the functions' roles attach
 * AWSLambdaBasicExecutionRole and friends). Resolves once it answers; stop() ends the process it started.
 */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(() => {
    throw new Error(`moto_server exited before answering: ${stderr.slice(-500)}`);
  });
  const spawnFailed = once(child, 'error').then(([error]) => {
    throw new Error(
      `moto_server could not start (${(error as Error).message}): install it with \`pip install 'moto[server]'\`.`,
    );
  });
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`moto_server did not answer on ${endpoint} within 60 s: ${stderr.slice(-500)}`);
  })();
  try {
    await Promise.race([ready, exited, spawnFailed]);
  } catch (error) {
    child.kill();
    throw error;
  }
  exited.catch(() => {});
  spawnFailed.catch(() => {});
  return {
    endpoint,
    env: {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: MOTO_REGION,
      AWS_DEFAULT_REGION: MOTO_REGION,
    },
    // moto_server's HTTP server logs each request to stderr: `... "GET /path?query HTTP/1.1" 200 -`.
    requests: () => [...stderr.matchAll(/"([A-Z]+) (\S+) HTTP\/[\d.]+"/g)].map((m) => `${m[1]} ${m[2]}`),
    async stop() {
      if (child.exitCode !== null) return;
      const gone = once(child, 'exit');
      child.kill();
      await gone;
    },
  };
}

/** SDK client settings for moto: its endpoint, the region, dummy credentials. */
export function motoClientConfig(moto: MotoServer) {
  return {
    endpoint: moto.endpoint,
    region: MOTO_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    forcePathStyle: true,
  };
}
