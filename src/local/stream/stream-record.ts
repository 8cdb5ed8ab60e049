import { randomUUID } from 'node:crypto';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Wire } from '../dynalite-transactions.js';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** A table's stream, as DescribeTable reports it. */
export interface TableStream {
  viewType: StreamViewType;
  /** `<table ARN>/stream/<label>`. */
  arn: string;
  label: string;
}

/** One committed change of one item: the image before (absent for an insert) and after (absent for a delete). */
export interface ItemChange {
  keys: Wire;
  oldImage: Wire | undefined;
  newImage: Wire | undefined;
}

/**
 * The record DynamoDB Streams writes for a change, with only the images the stream's view type keeps. The
 * sequence number must grow across restarts of the local stack (the shard is new, the table is not), so
 * it starts from the clock.
 */
export function streamRecord(
  stream: TableStream,
  change: ItemChange,
  sequenceNumber: bigint,
  now = new Date(),
): DynamoDBRecord {
  const eventName = !change.oldImage ? 'INSERT' : !change.newImage ? 'REMOVE' : 'MODIFY';
  const keepsNew = stream.viewType === 'NEW_IMAGE' || stream.viewType === 'NEW_AND_OLD_IMAGES';
  const keepsOld = stream.viewType === 'OLD_IMAGE' || stream.viewType === 'NEW_AND_OLD_IMAGES';
  const images = {
    ...(keepsNew && change.newImage ? { NewImage: change.newImage } : {}),
    ...(keepsOld && change.oldImage ? { OldImage: change.oldImage } : {}),
  };
  return {
    eventID: randomUUID().replaceAll('-', ''),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: stream.arn.split(':')[3] ?? 'us-east-1',
    eventSourceARN: stream.arn,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(now.getTime() / 1000),
      Keys: change.keys,
      ...images,
      SequenceNumber: sequenceNumber.toString().padStart(21, '0'),
      SizeBytes: sizeBytes({ Keys: change.keys, ...images }),
      StreamViewType: stream.viewType,
    },
  };
}

/** A record's size as its SizeBytes reports it: its keys and images, as sent. */
export function sizeBytes(parts: { Keys?: unknown; NewImage?: unknown; OldImage?: unknown }): number {
  return Buffer.byteLength(JSON.stringify(parts));
}
