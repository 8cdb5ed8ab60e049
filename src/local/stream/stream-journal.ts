import { type FileHandle, open, readFile, rename, writeFile } from 'node:fs/promises';
import type { DynamoDBRecord } from 'aws-lambda';

/** How long DynamoDB Streams keep a record. */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;

/** One line of the journal: a record of one table's stream. */
export interface JournalEntry {
  table: string;
  record: DynamoDBRecord;
}

/** The persisted shards of the embedded DynamoDB's streams: every record kept 24 h, as DynamoDB Streams do. */
export interface StreamJournal {
  /** Appends records in commit order; resolves once they are written, before the write is acknowledged. */
  append(entries: JournalEntry[]): Promise<void>;
  /** The kept records of `table`'s stream `streamArn` after `afterSequenceNumber` (all of them without it). */
  read(table: string, streamArn: string, afterSequenceNumber?: string): Promise<DynamoDBRecord[]>;
  /** The highest sequence number the journal holds, so a restarted shard goes on after it. */
  readonly lastSequenceNumber: bigint | undefined;
  /** Drops the records older than the retention period. */
  trim(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) the journal in `file`, trimmed at once. Appends are one `write(2)` each on a file
 * opened for appending, and no fsync: that is what dynalite's own LevelDB does with every item (its log is
 * written without `sync`), so a record is exactly as durable as the write it describes. Both survive the
 * process dying (Ctrl-C, a crash, kill -9) since the kernel holds the bytes; neither is promised to survive
 * the machine losing power, and fsyncing only the journal would not make the item itself survive it.
 * Trimming rewrites the file (into a temporary one, renamed over it), which happens at start and then as
 * often as the caller asks, never per write.
 */
export async function openStreamJournal(options: {
  file: string;
  now?: () => number;
  retentionMs?: number;
}): Promise<StreamJournal> {
  const { file } = options;
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? STREAM_RETENTION_MS;
  let lastSequenceNumber: bigint | undefined;
  let handle: FileHandle | undefined;
  // Appends come one at a time from the serialised write path, but a trim may come from a timer.
  let tail: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => {});
    return run;
  };

  const kept = (record: DynamoDBRecord) =>
    (record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000 >= now() - retentionMs;

  const rewriteKept = async () => {
    const { entries, whole } = await readEntries(file);
    const keep = entries.filter((entry) => kept(entry.record));
    for (const { record } of entries) {
      const sequence = BigInt(record.dynamodb?.SequenceNumber ?? 0);
      if (lastSequenceNumber === undefined || sequence > lastSequenceNumber) lastSequenceNumber = sequence;
    }
    if (keep.length === entries.length && whole) return;
    await handle?.close();
    handle = undefined;
    const temporary = `${file}.trimming`;
    await writeFile(temporary, keep.map(line).join(''));
    await rename(temporary, file);
  };

  await rewriteKept();
  handle = await open(file, 'a');

  return {
    get lastSequenceNumber() {
      return lastSequenceNumber;
    },
    append(entries) {
      if (entries.length === 0) return Promise.resolve();
      return serially(async () => {
        handle ??= await open(file, 'a');
        await handle.write(entries.map(line).join(''));
        const last = entries.at(-1)?.record.dynamodb?.SequenceNumber;
        if (last) lastSequenceNumber = BigInt(last);
      });
    },
    async read(table, streamArn, afterSequenceNumber) {
      const after = afterSequenceNumber === undefined ? -1n : BigInt(afterSequenceNumber);
      const { entries } = await serially(() => readEntries(file));
      return entries
        .filter(
          ({ table: of, record }) =>
            of === table &&
            record.eventSourceARN === streamArn &&
            BigInt(record.dynamodb?.SequenceNumber ?? 0) > after &&
            kept(record),
        )
        .map(({ record }) => record);
    },
    trim: () => serially(rewriteKept),
    close: () =>
      serially(async () => {
        await handle?.close();
        handle = undefined;
      }),
  };
}

const line = (entry: JournalEntry) => `${JSON.stringify(entry)}\n`;

/**
 * The journal's entries. A last line without its newline is a record whose append the process did not
 * finish (it died mid-write): its write was never acknowledged, so it is dropped (`whole` says so).
 */
async function readEntries(file: string): Promise<{ entries: JournalEntry[]; whole: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], whole: true };
    throw error;
  }
  const lines = text.split('\n');
  const torn = lines.pop() !== '';
  const entries: JournalEntry[] = [];
  for (const [index, text] of lines.entries()) {
    try {
      entries.push(JSON.parse(text) as JournalEntry);
    } catch (error) {
      throw new Error(
        `${file} line ${index + 1} is not a stream record the local stack wrote; delete the file to start the stream over (undelivered records are then lost).`,
        { cause: error },
      );
    }
  }
  return { entries, whole: !torn };
}
