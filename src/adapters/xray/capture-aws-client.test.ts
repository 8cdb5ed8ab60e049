import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import AWSXRay from 'aws-xray-sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type TestS3 } from '../../../test/support/s3rver.js';
import { comparable, SAMPLED, startXRayDaemon, type XRayDaemon } from '../../../test/support/xray-daemon.js';
import { createS3Client } from '../s3/s3-client.js';

/**
 * The subsegments captureAwsClient sends for an S3 client's calls, against those aws-xray-sdk-core's
 * captureAWSv3Client records for another client making the same calls (the X-Ray SDK in its manual mode,
 * kept as a dev dependency for this), both against s3rver.
 */
describe('captureAwsClient', () => {
  let s3: TestS3;
  let daemon: XRayDaemon;
  beforeAll(async () => {
    AWSXRay.enableManualMode();
    AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
    [s3, daemon] = await Promise.all([startS3(), startXRayDaemon()]);
  });
  afterAll(async () => {
    await Promise.all([s3?.close(), daemon?.close()]);
  });

  const client = () =>
    createS3Client({
      region: 'eu-west-1',
      endpoint: s3.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });

  it('records each call as captureAWSv3Client records it, and sends the trace header with it', async () => {
    const Bucket = s3.bucket;
    const commands = () => [
      new PutObjectCommand({ Bucket, Key: 'a.png', Body: 'png' }),
      new HeadObjectCommand({ Bucket, Key: 'a.png' }),
      new CopyObjectCommand({ Bucket, Key: 'b.png', CopySource: `${Bucket}/a.png` }),
      new HeadObjectCommand({ Bucket, Key: 'missing.png' }),
      new DeleteObjectCommand({ Bucket, Key: 'b.png' }),
    ];
    const sdkSegment = new AWSXRay.Segment('sdk');
    const sdk = AWSXRay.captureAWSv3Client(client(), sdkSegment);
    for (const command of commands()) await sdk.send(command as never).catch(() => undefined);
    sdk.destroy();

    const tracer = daemon.tracer(`${SAMPLED};Lineage=a87bd80c:0`);
    // Captured twice, as a careless composition might: each call is still one subsegment.
    const ours = tracer.captureAwsClient(tracer.captureAwsClient(client()));
    const headers: (string | undefined)[] = [];
    ours.middlewareStack.add(
      (next) => async (args) => {
        headers.push((args.request as { headers: Record<string, string> }).headers['X-Amzn-Trace-Id']);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const from = daemon.documents.length;
    await tracer.invocation('## blogapp-api', async () => {
      for (const command of commands()) await ours.send(command as never).catch(() => undefined);
    });
    ours.destroy();
    const sent = (await daemon.received(from + 6)).slice(from);
    tracer.close();
    const invocation = sent.pop();

    const expected = (sdkSegment.subsegments ?? []).map((s) =>
      comparable(s as unknown as Record<string, unknown>, true),
    );
    const actual = sent.map((s) => comparable(s, true));
    expect(actual).toEqual(expected);
    // What makes the comparison worth it: the fields were there to compare.
    expect(actual.map((s) => (s.aws as { operation: string }).operation)).toEqual([
      'PutObject',
      'HeadObject',
      'CopyObject',
      'HeadObject',
      'DeleteObject',
    ]);
    expect(actual[2]).toMatchObject({
      name: 'S3',
      namespace: 'aws',
      aws: { region: 'eu-west-1', bucket_name: s3.bucket, key: 'b.png', copy_source: `${s3.bucket}/a.png` },
    });
    expect(actual[3]).toMatchObject({ error: true, http: { response: { status: 404 } } });
    expect(sent.every((s) => s.parent_id === invocation?.id)).toBe(true);
    expect(actual[1]).toMatchObject({ http: { response: { status: 200, content_length: 3 } } });
    expect(headers).toEqual(
      sent.map((s) => `Root=${s.trace_id};Parent=${s.id};Sampled=1;Lineage=a87bd80c:0`),
    );
  });

  it('shows no call for a presigned URL: the client’s middleware runs, but nothing is sent', async () => {
    const tracer = daemon.tracer();
    const ours = tracer.captureAwsClient(client());
    const from = daemon.documents.length;
    await tracer.invocation('## blogapp-api', async () => {
      const url = await getSignedUrl(ours, new GetObjectCommand({ Bucket: s3.bucket, Key: 'a.png' }), {
        expiresIn: 60,
      });
      expect(url).toContain('X-Amz-Signature=');
    });
    // The invocation is the first document to arrive: none was sent for the presign before it.
    expect((await daemon.received(from + 1))[from]?.name).toBe('## blogapp-api');
    ours.destroy();
    tracer.close();
  });

  it('leaves calls outside a traced invocation untraced', async () => {
    const tracer = daemon.tracer(null);
    const ours = tracer.captureAwsClient(client());
    await expect(
      ours.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'missing.png' })),
    ).rejects.toThrow();
    ours.destroy();
    const traced = daemon.tracer();
    const from = daemon.documents.length;
    await traced.invocation('## next', async () => undefined);
    // One socket's datagrams arrive in order, and this is the next one: nothing was sent for the call.
    expect((await daemon.received(from + 1))[from]?.name).toBe('## next');
    tracer.close();
    traced.close();
  });
});
