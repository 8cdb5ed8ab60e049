import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, startMoto } from '../../scripts/rehearsal/moto-server.js';
import { createChangeSet } from '../../src/deploy/engines/cloudformation/change-set.js';
import { INLINE_TEMPLATE_LIMIT, templateSource } from '../../src/deploy/engines/cloudformation/package.js';

/** Templates over CloudFormation's inline limit go through S3, and CloudFormation (moto's) reads them there. */
describe('the template as CloudFormation takes it', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let cloudformation: CloudFormationClient;
  const bucket = 'blogapp-artifacts-123456789012-us-east-1';

  beforeAll(async () => {
    moto = await startMoto();
    const config = {
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    s3 = new S3Client({ ...config, forcePathStyle: true });
    cloudformation = new CloudFormationClient(config);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  }, 60_000);
  afterAll(() => moto?.stop());

  /** A one-queue template padded to `bytes` with metadata. */
  const template = (bytes: number) => {
    const base = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Metadata: { padding: '' } } } };
    base.Resources.Queue.Metadata.padding = 'x'.repeat(Math.max(0, bytes - JSON.stringify(base).length));
    return JSON.stringify(base);
  };

  it('passes a template up to the limit inline', async () => {
    const body = template(INLINE_TEMPLATE_LIMIT);
    expect(Buffer.byteLength(body)).toBe(INLINE_TEMPLATE_LIMIT);
    expect(
      await templateSource(body, { s3, bucket, prefix: 'blogapp-staging', region: 'us-east-1' }),
    ).toEqual({
      TemplateBody: body,
    });
  });

  it('uploads a larger one under its content hash, and a change set is made from its URL', async () => {
    const body = template(INLINE_TEMPLATE_LIMIT + 1);
    const source = await templateSource(body, { s3, bucket, prefix: 'blogapp-staging', region: 'us-east-1' });
    if (!('TemplateURL' in source)) throw new Error('expected a TemplateURL');
    expect(source.TemplateURL).toMatch(
      new RegExp(
        `^https://${bucket}\\.s3\\.us-east-1\\.amazonaws\\.com/blogapp-staging/templates/[0-9a-f]{64}\\.json$`,
      ),
    );
    const key = new URL(source.TemplateURL).pathname.slice(1);
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await stored.Body?.transformToString()).toBe(body);

    const changeSet = await createChangeSet(
      cloudformation,
      { stackName: 'blogapp-staging', type: 'CREATE', template: source, parameters: {}, tags: {} },
      { intervalMs: 50 },
    );
    expect(changeSet.changes).toEqual([
      { action: 'Add', logicalId: 'Queue', type: 'AWS::SQS::Queue', replacement: '' },
    ]);
  });
});
