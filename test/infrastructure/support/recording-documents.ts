import { vi } from 'vitest';
import type * as CreateDocuments from '../../../src/composition/create-documents.js';
import { recordCommands, type SentCommand } from '../../support/count-commands.js';

/**
 * Stands in for src/composition/create-documents.ts (through `vi.mock`), so a function's real composition,
 * unchanged, builds its storage on documents that record every call: the compositions take no documents
 * of their own (in AWS each opens its client from the config), and this is the one place they open them.
 */
const actual = await vi.importActual<typeof CreateDocuments>('../../../src/composition/create-documents.js');

const opened: { sent: SentCommand[]; destroy(): void }[] = [];

export const createDocuments: typeof CreateDocuments.createDocuments = (options, tracer) => {
  const open = actual.createDocuments(options, tracer);
  const { documents, sent } = recordCommands(open.documents);
  opened.push({ sent, destroy: open.destroy });
  return { documents, destroy: open.destroy };
};

/**
 * Runs a composition and returns what it built with the list its DynamoDB calls are recorded into. A
 * composition opens one client for its storage; more or none would mean its calls are not all seen.
 */
export async function recordedComposition<T>(
  compose: () => Promise<T>,
): Promise<{ composition: T; sent: SentCommand[] }> {
  const before = opened.length;
  const composition = await compose();
  const mine = opened.slice(before);
  if (mine.length !== 1 || !mine[0]) {
    throw new Error(
      `the composition opened ${mine.length} DynamoDB clients, not one: its calls are not all seen`,
    );
  }
  return { composition, sent: mine[0].sent };
}

/** Lets go of every client the compositions opened. */
export function destroyRecordedDocuments(): void {
  for (const { destroy } of opened.splice(0)) destroy();
}
