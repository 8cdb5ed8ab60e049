import { rename, writeFile } from 'node:fs/promises';
import { readIfPresent } from '../../adapters/local-disk/read-if-present.js';

/**
 * Where one consumer of a stream is: the sequence number of the last record it is done with (delivered, or
 * sent to the on-failure destination), as Lambda's event source mapping keeps it for its shard.
 */
export interface StreamCheckpoint {
  /** Undefined before the consumer has finished any record. */
  read(): Promise<string | undefined>;
  save(sequenceNumber: string): Promise<void>;
}

/**
 * A checkpoint in a small JSON file, replaced whole by a rename so a stop mid-save leaves the old one or
 * the new one, never half of either. Saved once per batch, not per write.
 */
export function fileCheckpoint(file: string): StreamCheckpoint {
  return {
    async read() {
      const text = await readIfPresent(file);
      if (text === undefined) return undefined;
      const sequenceNumber = parseCheckpoint(text);
      if (sequenceNumber === undefined) {
        throw new Error(
          `${file} is not a stream checkpoint the local stack wrote; delete it to deliver every kept record again.`,
        );
      }
      return sequenceNumber;
    },
    async save(sequenceNumber) {
      const temporary = `${file}.saving`;
      await writeFile(temporary, `${JSON.stringify({ sequenceNumber })}\n`);
      await rename(temporary, file);
    },
  };
}

function parseCheckpoint(text: string): string | undefined {
  try {
    const { sequenceNumber } = JSON.parse(text) as { sequenceNumber?: unknown };
    return typeof sequenceNumber === 'string' && /^\d+$/.test(sequenceNumber) ? sequenceNumber : undefined;
  } catch {
    return undefined;
  }
}
