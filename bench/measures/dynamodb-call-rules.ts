import { favoritesPartition, POST_SK, postKey } from '../../src/adapters/dynamodb/table-design.js';
import type { SentCommand } from '../../test/support/count-commands.js';
import type { Call, RouteKind } from './route-scenarios.js';

/** What each kind of route may cost in DynamoDB commands: the rule, and the one decision beside it. */
export const RULE: Record<
  RouteKind,
  { text: string; holds: (sent: SentCommand[], viewer?: string) => boolean }
> = {
  // A signed-in user's own profile comes from the per-instance cache once loaded: 0 then, 1 when cold.
  // The one second read allowed is a BatchGet of the viewer's own items (their favorites of a page).
  read: {
    text: '1 (0 if cached); 2 if the 2nd is a BatchGet of the viewer’s own items',
    holds: (sent, viewer) => sent.length <= 1 || (sent.length === 2 && isViewerBatchGet(sent[1], viewer)),
  },
  // A page of the viewer's own list of other people's items (GET /api/me/favorites): the list is the
  // viewer's state, the items are not, so the rule cannot hold without copying every post into
  // every favorite of it; why that was decided against is computed in the cost sketch ("A favorites page").
  'own-list': {
    text: '1 Query of the viewer’s own list, then 1 BatchGet of exactly the posts it names (decided, see the cost sketch)',
    holds: (sent, viewer) =>
      isOwnListQuery(sent[0], viewer) &&
      (sent.length === 1 || (sent.length === 2 && batchGetsWhatItNamed(sent[1], sent[0]))),
  },
  write: { text: 'at most 2', holds: (sent) => sent.length <= 2 },
  none: { text: 'none', holds: (sent) => sent.length === 0 },
};

/** A BatchGetItem whose every key is an item of the viewer's (`FAV#<viewer>`), not the content itself. */
function isViewerBatchGet(command: SentCommand | undefined, viewer: string | undefined): boolean {
  if (command?.name !== 'BatchGetItemCommand' || !viewer) return false;
  const keys = batchGetKeys(command);
  return keys.length > 0 && keys.every((key) => key.sk === `FAV#${viewer}`);
}

/** A Query of the viewer's own favorites partition, and of nobody else's. */
function isOwnListQuery(command: SentCommand | undefined, viewer: string | undefined): boolean {
  if (command?.name !== 'QueryCommand' || !viewer) return false;
  const values = Object.values((command.input.ExpressionAttributeValues ?? {}) as Record<string, unknown>);
  return values.length === 1 && values[0] === favoritesPartition(viewer);
}

/**
 * A BatchGetItem of posts, each one named by an item the Query answered, none twice: the page's own posts and
 * nothing else (it may name fewer, as the Query reads one item past the page to know whether more follow).
 */
function batchGetsWhatItNamed(command: SentCommand | undefined, query: SentCommand | undefined): boolean {
  if (command?.name !== 'BatchGetItemCommand') return false;
  const items = (query?.output as { Items?: { postId?: unknown }[] } | undefined)?.Items ?? [];
  const named = new Set(items.map((item) => keyText(postKey(String(item.postId)))));
  const keys = batchGetKeys(command);
  const asked = new Set(keys.map(keyText));
  return (
    keys.length > 0 &&
    asked.size === keys.length &&
    keys.every((key) => key.sk === POST_SK && named.has(keyText(key)))
  );
}

function batchGetKeys(command: SentCommand): { pk?: unknown; sk?: unknown }[] {
  const requests = Object.values(
    command.input.RequestItems as Record<string, { Keys: { pk?: unknown; sk?: unknown }[] }>,
  );
  return requests.flatMap((request) => request.Keys);
}

const keyText = (key: { pk?: unknown; sk?: unknown }) => `${String(key.pk)}\u0000${String(key.sk)}`;

/** The user a bearer token speaks for: its `sub`, read without verifying (the app has verified it). */
export function viewerOf(call: Call): string | undefined {
  const payload = call.token?.split('.')[1];
  if (!payload) return undefined;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string }).sub;
}
