/**
 * `npm run live -- [postId] [--as userId] [--ws URL]`: watch a post's live comments from a terminal, with
 * nothing to download. Finds the running local stack, subscribes (the newest post when no id is given),
 * and prints each push as it comes until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
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

interface Answer {
  items?: { id: string }[];
  token?: string;
}

async function getJson(method: string, path: string, body?: unknown): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    fail(`no stack answers at ${apiUrl} (${(error as Error).message}): start it with \`make local\`.`);
  }
  const json = (await response.json().catch(() => ({}))) as Answer;
  if (!response.ok) fail(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

const postId =
  parsed.positionals[0] ??
  (await getJson('GET', '/api/posts?limit=1')).items?.[0]?.id ??
  fail('there are no posts yet: write one (or run make seed), then watch it.');
const token = parsed.values.as
  ? (await getJson('POST', '/api/dev/token', { userId: parsed.values.as })).token
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
