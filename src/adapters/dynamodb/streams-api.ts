import { createJsonCaller, type JsonCaller, type JsonCallerOptions } from './http/json-caller.js';

/** One shard of a stream, as DescribeStream lists it. */
export interface StreamShard {
  ShardId: string;
  ParentShardId?: string;
  /** An EndingSequenceNumber means the shard is closed: once read to its end, its children go on. */
  SequenceNumberRange?: { StartingSequenceNumber?: string; EndingSequenceNumber?: string };
}

/** A record as GetRecords answers it (the Lambda event's record without eventSourceARN, times as DynamoDB sends them). */
export interface StreamsApiRecord {
  eventID?: string;
  eventName?: string;
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  dynamodb?: Record<string, unknown>;
  userIdentity?: unknown;
}

export type ShardIteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER';

/**
 * The calls that read a table's stream: DynamoDB's DescribeTable (for the stream's ARN), then the DynamoDB
 * Streams API, in the wire's own shapes. Errors are thrown as the SDK's (UnknownOperationException from an
 * endpoint without the Streams API, ExpiredIteratorException, TrimmedDataAccessException...).
 */
export interface StreamsApi {
  /** The table's current stream: its ARN and view type, or undefined when the table has none. */
  latestStream(
    tableName: string,
    signal?: AbortSignal,
  ): Promise<{ arn: string; viewType: string | undefined } | undefined>;
  /** Every shard of the stream, all pages. */
  shards(streamArn: string, signal?: AbortSignal): Promise<StreamShard[]>;
  shardIterator(
    streamArn: string,
    shardId: string,
    type: ShardIteratorType,
    sequenceNumber?: string,
    signal?: AbortSignal,
  ): Promise<string | undefined>;
  /** Up to `limit` records; no next iterator once a closed shard is read to its end. */
  records(
    iterator: string,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{ records: StreamsApiRecord[]; nextIterator: string | undefined }>;
  close(): void;
}

/**
 * The Streams API over the repo's own DynamoDB HTTP client: JSON 1.0 signed as `dynamodb`, the service
 * AWS signs DynamoDB Streams under; a local DynamoDB (DynamoDB Local, LocalStack, moto) answers it on its
 * one endpoint. For the local stack only: in AWS an event source mapping reads the stream.
 */
export function createStreamsApi(options: JsonCallerOptions): StreamsApi {
  const caller: JsonCaller = createJsonCaller(options);
  const dynamodb = (operation: string, input: object, signal: AbortSignal | undefined) =>
    caller
      .call(`DynamoDB_20120810.${operation}`, JSON.stringify(input), signal)
      .then((answer) => answer.parsed);
  const streams = (operation: string, input: object, signal: AbortSignal | undefined) =>
    caller
      .call(`DynamoDBStreams_20120810.${operation}`, JSON.stringify(input), signal)
      .then((answer) => answer.parsed);
  return {
    async latestStream(tableName, signal) {
      const { Table } = (await dynamodb('DescribeTable', { TableName: tableName }, signal)) as {
        Table?: { LatestStreamArn?: string; StreamSpecification?: { StreamViewType?: string } };
      };
      if (!Table?.LatestStreamArn) return undefined;
      return { arn: Table.LatestStreamArn, viewType: Table.StreamSpecification?.StreamViewType };
    },
    async shards(streamArn, signal) {
      const shards: StreamShard[] = [];
      let start: string | undefined;
      do {
        const { StreamDescription } = (await streams(
          'DescribeStream',
          {
            StreamArn: streamArn,
            ...(start ? { ExclusiveStartShardId: start } : {}),
          },
          signal,
        )) as { StreamDescription?: { Shards?: StreamShard[]; LastEvaluatedShardId?: string } };
        shards.push(...(StreamDescription?.Shards ?? []));
        start = StreamDescription?.LastEvaluatedShardId;
      } while (start);
      return shards;
    },
    async shardIterator(streamArn, shardId, type, sequenceNumber, signal) {
      const { ShardIterator } = (await streams(
        'GetShardIterator',
        {
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: type,
          ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}),
        },
        signal,
      )) as { ShardIterator?: string };
      return ShardIterator;
    },
    async records(iterator, limit, signal) {
      const { Records, NextShardIterator } = (await streams(
        'GetRecords',
        {
          ShardIterator: iterator,
          Limit: limit,
        },
        signal,
      )) as { Records?: StreamsApiRecord[]; NextShardIterator?: string };
      return { records: Records ?? [], nextIterator: NextShardIterator ?? undefined };
    },
    close: () => caller.close(),
  };
}
