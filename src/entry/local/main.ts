/**
 * `make local`: starts the whole local stack, records where it is for the other local commands, and prints
 * where it is. Ctrl-C stops it cleanly. Every refusal to start is one line naming the variable or file.
 */
import { resolve } from 'node:path';
import { LOCAL_CREDENTIALS } from '../../adapters/aws/credentials.js';
import { startLocalStack } from '../../composition/local-stack.js';
import { ConfigError, loadConfig } from '../../config/config.js';
import { terminalRequestLines } from '../../local/request-lines.js';
import { findRunningStack, recordRunningStack } from '../../local/running-stack.js';
import { nodeVersionNote } from '../shared/node-version-note.js';

/**
 * The AWS CLI aimed at the embedded DynamoDB, ready to paste: it takes any key, but the CLI will not start
 * without a key and a region, which a machine with no AWS account has not configured.
 */
function awsCliAgainst(region: string, endpoint: string): string {
  const { accessKeyId, secretAccessKey } = LOCAL_CREDENTIALS;
  return `AWS_DEFAULT_REGION=${region} AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey} aws --endpoint-url ${endpoint}`;
}

function refuse(message: string): never {
  console.error(`make local: ${message}`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) refuse(error.message);
  throw error;
}

const dataDir = resolve(config.dataDir);
const holder = await findRunningStack(dataDir);
if (holder) {
  refuse(
    `another local stack (pid ${holder.pid}, ${holder.apiUrl}) is using ${dataDir}: stop it, or set APP_DATA_DIR to another directory.`,
  );
}

let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  // One readable line per request here; the JSON access log is for AWS (CloudWatch Logs Insights).
  stack = await startLocalStack(config, { requestLines: terminalRequestLines(process.stdout) });
} catch (error) {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE') {
    refuse(
      `a port is already in use (${message}): stop the other process, or set PORT / WS_PORT to free ports.`,
    );
  }
  refuse(`the local stack could not start: ${message}`);
}

const forget = await recordRunningStack(dataDir, {
  pid: process.pid,
  apiUrl: stack.apiUrl,
  wsUrl: stack.wsUrl,
  ...(stack.dynamodbEndpoint ? { dynamodbEndpoint: stack.dynamodbEndpoint } : {}),
  startedAt: new Date().toISOString(),
});

const api = stack.apiUrl;
const nodeNote = nodeVersionNote();
console.log(`
blogapp local stack is up — environment: ${config.environment}
  storage  ${stack.storage}
  Web      ${stack.webClient ? `${api}/` : '(not built: run make build, then restart)'}
  API      ${api}  (the REST base: every route is under /api, listed at /docs)
  Health   ${api}/api/health
  Docs     ${api}/docs
  Token    curl -s -X POST ${api}/api/dev/token -H 'content-type: application/json' -d '{"userId":"alice","name":"Alice"}'
  Try      curl -s ${api}/api/posts
  Live     ${stack.wsUrl}  (or: npm run live -- <postId>, which subscribes and prints pushes)
  Notify   curl -s -X POST ${api}/broadcast/comments -H 'x-broadcast-key: ${stack.broadcastKey}' -H 'content-type: application/json' -d '{"message":"hello, readers"}'${
    stack.dynamodbEndpoint && config.repository.provider === 'dynamodb'
      ? `\n  DynamoDB ${stack.dynamodbEndpoint}\n           ${awsCliAgainst(config.repository.region, stack.dynamodbEndpoint)} dynamodb scan --table-name ${config.repository.tableName}`
      : ''
  }${
    stack.streamFailures
      ? `\n  Stream   every committed write to it, from any client, reaches the stream handler (batches out of retries: ${stack.streamFailures})`
      : ''
  }${nodeNote ? `\n  Note     ${nodeNote}` : ''}${stack.warnings.map((warning) => `\n  WARNING  ${warning}`).join('')}
make seed, make smoke and npm run live find this stack on their own. Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local stack…`);
  await forget();
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
