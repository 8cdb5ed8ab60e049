import type { SentCommand } from '../../test/support/count-commands.js';
import type { Call, RouteKind } from './route-scenarios.js';

/** What each kind of route may cost in DynamoDB commands, as the issue states it. */
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
  write: { text: 'at most 2', holds: (sent) => sent.length <= 2 },
  none: { text: 'none', holds: (sent) => sent.length === 0 },
};

/** A BatchGetItem whose every key is an item of the viewer's (`FAV#<viewer>`), not the content itself. */
function isViewerBatchGet(command: SentCommand | undefined, viewer: string | undefined): boolean {
  if (command?.name !== 'BatchGetItemCommand' || !viewer) return false;
  const requests = Object.values(command.input.RequestItems as Record<string, { Keys: { sk?: unknown }[] }>);
  const keys = requests.flatMap((request) => request.Keys);
  return keys.length > 0 && keys.every((key) => key.sk === `FAV#${viewer}`);
}

/** The user a bearer token speaks for: its `sub`, read without verifying (the app has verified it). */
export function viewerOf(call: Call): string | undefined {
  const payload = call.token?.split('.')[1];
  if (!payload) return undefined;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: string }).sub;
}
