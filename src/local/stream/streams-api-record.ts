import type { DynamoDBRecord, StreamRecord } from 'aws-lambda';
import type { StreamsApiRecord } from '../../adapters/dynamodb/streams-api.js';
import { sizeBytes } from './stream-record.js';

/** The stream a record was read from, as Lambda's event source mapping knows it. */
export interface ReadStream {
  arn: string;
  viewType: string | undefined;
}

/**
 * A record GetRecords answered with, as Lambda's event source mapping hands it to the function: the stream's
 * ARN added as eventSourceARN, the region the stream's (a local DynamoDB may name any), the creation time in
 * whole epoch seconds, and SizeBytes and StreamViewType filled in where the emulator left them out.
 */
export function lambdaRecord(record: StreamsApiRecord, stream: ReadStream): DynamoDBRecord {
  const change = (record.dynamodb ?? {}) as Omit<StreamRecord, 'ApproximateCreationDateTime'> & {
    ApproximateCreationDateTime?: unknown;
  };
  const { ApproximateCreationDateTime, Keys, NewImage, OldImage, ...rest } = change;
  const viewType = change.StreamViewType ?? stream.viewType;
  const created = epochSeconds(ApproximateCreationDateTime);
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName as DynamoDBRecord['eventName'] } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: stream.arn.split(':')[3] || record.awsRegion || 'us-east-1',
    eventSourceARN: stream.arn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: {
      ...rest,
      ...(Keys ? { Keys } : {}),
      ...(NewImage ? { NewImage } : {}),
      ...(OldImage ? { OldImage } : {}),
      ...(created === undefined ? {} : { ApproximateCreationDateTime: created }),
      SizeBytes: change.SizeBytes ?? sizeBytes({ Keys, NewImage, OldImage }),
      ...(viewType ? { StreamViewType: viewType as StreamRecord['StreamViewType'] } : {}),
    },
  };
}

/**
 * JSON 1.0 sends timestamps as epoch seconds (a fraction allowed); an emulator may send an ISO date. Lambda
 * gives whole seconds.
 */
function epochSeconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value);
  if (typeof value !== 'string' || value === '') return undefined;
  const numeric = Number(value);
  if (Number.isFinite(numeric)) return Math.floor(numeric);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
}
