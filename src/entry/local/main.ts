/**
 * `make local`: starts the whole local stack and prints where it is. Ctrl-C stops it cleanly.
 */
import { ConfigError, loadConfig } from '../../config/config.js';
import { startLocalStack } from '../../local/local-stack.js';

try {
  const config = loadConfig();
  const stack = await startLocalStack(config);
  const api = stack.apiUrl;
  console.log(`
blogapp local stack is up — environment: ${config.environment}
  storage  ${stack.storage}
  Web      ${stack.webClient ? `${api}/` : '(not built: run make build, then restart)'}
  API      ${api}/api
  Health   ${api}/api/health
  Docs     ${api}/docs
  Token    curl -s -X POST ${api}/api/dev/token -H 'content-type: application/json' -d '{"userId":"alice","name":"Alice"}'
  Try      curl -s ${api}/api/posts
  Live     ${stack.wsUrl}  (send {"action":"subscribe","postId":"<id>"}; add ?token=<JWT> to sign in)
  Notify   curl -s -X POST ${api}/broadcast/comments -H 'x-broadcast-key: ${stack.broadcastKey}' -H 'content-type: application/json' -d '{"message":"hello, readers"}'
Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `A port is already in use (${(error as Error).message}). Stop the other process or set PORT=<free port> / WS_PORT=<free port>.`,
    );
  } else {
    console.error('The local stack could not start:', error);
  }
  process.exit(1);
}
