import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

const dir = join(import.meta.dirname, '../fixtures/aws-events');

/**
 * A real AWS sample event (copied unchanged from AWS's Powertools repositories, see SOURCES.md beside
 * them), with only what a test needs changed on top, so every other field stays as AWS sends it.
 */
export function awsEvent<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as T;
}

export interface HttpV2Event {
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  body?: string | null;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string; path: string }; [key: string]: unknown };
  [key: string]: unknown;
}

/** An HTTP API v2 / Function URL sample event re-aimed at one request of ours. */
export function httpEvent(
  sample: string,
  request: {
    method: string;
    path: string;
    query?: string;
    headers?: Record<string, string>;
    body?: string;
    base64?: boolean;
  },
): HttpV2Event {
  const event = awsEvent<HttpV2Event>(sample);
  event.rawPath = request.path;
  event.rawQueryString = request.query ?? '';
  if (request.query) event.queryStringParameters = Object.fromEntries(new URLSearchParams(request.query));
  else delete event.queryStringParameters;
  event.requestContext.http.method = request.method;
  event.requestContext.http.path = request.path;
  event.headers = { ...event.headers, ...request.headers };
  if (request.body === undefined) {
    delete event.body;
    event.isBase64Encoded = false;
  } else {
    event.body = request.base64 ? Buffer.from(request.body).toString('base64') : request.body;
    event.isBase64Encoded = request.base64 ?? false;
  }
  return event;
}

/**
 * AWS's sample DynamoDB stream record re-aimed at one item of ours: its keys and images replaced by
 * `item`'s (marshalled as DynamoDB writes them), everything else as AWS sends it. An INSERT carries the
 * new image, a REMOVE the old one, a MODIFY both (`before` is the old image).
 */
export function dynamoStreamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  item: Record<string, unknown>,
  before?: Record<string, unknown>,
): DynamoDBRecord {
  const [sample] = awsEvent<DynamoDBStreamEvent>('py_dynamoStreamEvent').Records;
  if (!sample?.dynamodb) throw new Error('py_dynamoStreamEvent.json has no record');
  const image = marshall(item, { removeUndefinedValues: true }) as never;
  const { NewImage: _new, OldImage: _old, ...rest } = sample.dynamodb;
  return {
    ...sample,
    eventName,
    dynamodb: {
      ...rest,
      Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
      ...(eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
      ...(eventName === 'MODIFY' && before ? { OldImage: marshall(before) as never } : {}),
    },
  };
}
