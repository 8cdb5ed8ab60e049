import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { StreamsApiRecord } from '../../src/adapters/dynamodb/streams-api.js';
import { lambdaRecord } from '../../src/local/stream/streams-api-record.js';
import { awsEvent } from '../support/aws-events.js';

const STREAM = {
  arn: 'arn:aws:dynamodb:us-west-2:123456789012:table/ExampleTable/stream/2015-06-27T00:48:05.899',
  viewType: 'NEW_AND_OLD_IMAGES',
};

/** A record of the sample as GetRecords answers it: no eventSourceARN, which the event source mapping adds. */
function asGetRecordsAnswers(record: DynamoDBRecord): StreamsApiRecord {
  const { eventSourceARN: _, ...rest } = record;
  return JSON.parse(JSON.stringify(rest)) as StreamsApiRecord;
}

describe('a GetRecords record as the stream function receives it', () => {
  it('is the record of AWS’s DynamoDB stream event sample, with the stream’s ARN as eventSourceARN', () => {
    const sample = awsEvent<DynamoDBStreamEvent>('dynamodb_base');
    expect(sample.Records.length).toBeGreaterThan(1);
    for (const record of sample.Records) {
      expect(lambdaRecord(asGetRecordsAnswers(record), STREAM)).toEqual({
        ...record,
        eventSourceARN: STREAM.arn,
      });
    }
  });

  it('fills in what an emulator leaves out or sends otherwise: region, whole seconds, size, view type', () => {
    const [sample] = awsEvent<DynamoDBStreamEvent>('dynamodb_base').Records;
    const { dynamodb } = asGetRecordsAnswers(sample as DynamoDBRecord);
    const { SizeBytes: _, StreamViewType: __, ...change } = dynamodb as Record<string, unknown>;
    const converted = lambdaRecord(
      {
        eventID: 'e1',
        eventName: 'INSERT',
        awsRegion: 'us-east-1',
        dynamodb: { ...change, ApproximateCreationDateTime: 1693997155.783 },
      },
      STREAM,
    );
    expect(converted.awsRegion).toBe('us-west-2');
    expect(converted.eventSource).toBe('aws:dynamodb');
    expect(converted.dynamodb?.ApproximateCreationDateTime).toBe(1693997155);
    expect(converted.dynamodb?.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
    expect(converted.dynamodb?.SizeBytes).toBe(
      Buffer.byteLength(JSON.stringify({ Keys: change.Keys, NewImage: change.NewImage })),
    );

    const isoTime = lambdaRecord(
      { dynamodb: { ApproximateCreationDateTime: '2023-09-06T10:45:55.783Z' } },
      STREAM,
    );
    expect(isoTime.dynamodb?.ApproximateCreationDateTime).toBe(1693997155);
  });
});
