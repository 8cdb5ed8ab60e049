import { rename, writeFile } from 'node:fs/promises';
import { readIfPresent } from '../../adapters/local-disk/read-if-present.js';

/**
 * Where one consumer is in one stream of an external DynamoDB, as Lambda's event source mapping keeps it:
 * per shard, the sequence number of the last record it is done with (read again AFTER_SEQUENCE_NUMBER), and
 * when it first read this stream, so a shard it has no position in is read from TRIM_HORIZON without the
 * records written before it was there (a stack started against a long-lived DynamoDB Local is not flooded
 * with a day of other people's writes).
 */
export interface ShardPositions {
  streamArn: string;
  /** Epoch seconds: records created earlier are not this consumer's. */
  since: number;
  shards: Record<string, string>;
}

/** The positions saved in `file`, or undefined when there are none yet. */
export async function readShardPositions(file: string): Promise<ShardPositions | undefined> {
  const text = await readIfPresent(file);
  if (text === undefined) return undefined;
  const positions = parse(text);
  if (!positions) {
    throw new Error(
      `${file} is not a stream position the local stack wrote; delete it to read the stream from now on.`,
    );
  }
  return positions;
}

/** Replaced whole by a rename, so a stop mid-save leaves the old positions or the new, never half of either. */
export async function saveShardPositions(file: string, positions: ShardPositions): Promise<void> {
  const temporary = `${file}.saving`;
  await writeFile(temporary, `${JSON.stringify(positions)}\n`);
  await rename(temporary, file);
}

function parse(text: string): ShardPositions | undefined {
  try {
    const { streamArn, since, shards } = JSON.parse(text) as Partial<ShardPositions>;
    if (typeof streamArn !== 'string' || typeof since !== 'number' || !shards || typeof shards !== 'object') {
      return undefined;
    }
    const valid = Object.values(shards).every((value) => typeof value === 'string' && /^\d+$/.test(value));
    return valid ? { streamArn, since, shards } : undefined;
  } catch {
    return undefined;
  }
}
