/**
 * `npm run live -- [postId] [--as userId] [--ws URL]`: watch a post's live comments from a terminal, with
 * nothing to download. Finds the running local stack, subscribes (the newest post when no id is given),
 * and prints each push as it comes until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { createApiClient } from '../../../web/src/api/typed-client.js';
import { loadConfig } from '../../config/config.js';
import { localStackUrls } from '../../local/running-stack.js';

const USAGE = `usage: npm run live -- [postId] [--as userId] [--ws URL] [--api URL]
  postId   the post to watch (default: the newest post)
  --as     connect signed in, with a dev token for this user id (local stack only)
  --ws     the WebSocket URL (default: the running local stack's)
  --api    the REST base (default: the running local stack's)`;

function fail(message: string): never {
  console.error(`live: ${message}`);
  process.exit(1);
}

let parsed: ReturnType<typeof parseCli>;
function parseCli() {
  return parseArgs({
    options: {
      as: { type: 'string' },
      ws: { type: 'string' },
      api: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
}
try {
  parsed = parseCli();
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}

const local = await localStackUrls(loadConfig());
const apiUrl = parsed.values.api ?? local.apiUrl;
const wsUrl = parsed.values.ws ?? local.wsUrl;

const api = createApiClient({ baseUrl: apiUrl });

/** The answer's data; any failure ends the command with one line saying what to do. */
async function answer<T>(
  what: string,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const result = await call.catch((error: Error) =>
    fail(`no stack answers at ${apiUrl} (${error.message}): start it with \`make local\`.`),
  );
  if (!result.response.ok)
    fail(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

const postId =
  parsed.positionals[0] ??
  (await answer('GET /api/posts', api.GET('/api/posts', { params: { query: { limit: 1 } } }))).items[0]?.id ??
  fail('there are no posts yet: write one (or run make seed), then watch it.');
const token = parsed.values.as
  ? (await answer('POST /api/dev/token', api.POST('/api/dev/token', { body: { userId: parsed.values.as } })))
      .token
  : undefined;

const socket = new WebSocket(token ? `${wsUrl}?token=${encodeURIComponent(token)}` : wsUrl);
const time = () => new Date().toISOString().slice(11, 19);
socket.on('unexpected-response', (_request, response) =>
  fail(`the WebSocket gateway at ${wsUrl} refused the connection with HTTP ${response.statusCode}.`),
);
socket.on('error', (error) =>
  fail(`cannot reach ${wsUrl} (${error.message}): start it with \`make local\`.`),
);
socket.on('open', () => socket.send(JSON.stringify({ action: 'subscribe', postId })));
socket.on('close', () => process.exit(0));
socket.on('message', (data) => {
  const message = JSON.parse(String(data));
  switch (message.type) {
    case 'subscribed':
      console.log(
        `${time()} watching post ${postId}${token ? ` as ${parsed.values.as}` : ''} — Ctrl-C to stop`,
      );
      break;
    case 'comment.created':
      console.log(
        `${time()} + ${message.comment.authorName}: ${message.comment.body}  (${message.comment.id})`,
      );
      break;
    case 'comment.deleted':
      console.log(`${time()} − comment ${message.commentId} deleted`);
      break;
    case 'broadcast':
      console.log(`${time()} ! ${message.message}`);
      break;
    case 'error':
      fail(`${message.code}: ${message.message ?? ''} (post ${postId})`);
      break;
    default:
      console.log(`${time()} ${JSON.stringify(message)}`);
  }
});
process.on('SIGINT', () => socket.close());
