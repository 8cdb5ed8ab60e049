import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteDistribution, invalidatedPaths } from '../../scripts/rehearsal/moto-cloudfront.js';
import { cloudFrontInvalidator } from '../../src/deploy/site/cloudfront-invalidator.js';
import { publishSite } from '../../src/deploy/site/publish-site.js';
import { runtimeConfigFromOutputs, type SiteRuntimeConfig } from '../../src/deploy/site/runtime-config.js';
import { type MotoServer, startMotoServer } from '../support/moto-server.js';

/**
 * Publishing the built web client into the site bucket, against moto_server's S3 and CloudFront: the
 * distribution is made through moto's CloudFront API (its CloudFormation does not make one), the deploy's
 * own invalidator sends to it, and the test reads back from moto which paths were invalidated.
 */
const OUTPUTS = {
  ApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
  WebSocketURL: 'wss://def456.execute-api.eu-west-1.amazonaws.com/staging',
  SignInIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
  WebClientId: 'webclient123',
  SignInDomain: 'https://blogapp-staging-123456789012.auth.eu-west-1.amazoncognito.com',
};

describe('runtime config from the stack outputs', () => {
  it('names the API, the WebSocket and the managed sign-in', () => {
    expect(runtimeConfigFromOutputs(OUTPUTS)).toEqual({
      apiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
      wsUrl: 'wss://def456.execute-api.eu-west-1.amazonaws.com/staging',
      signIn: {
        issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
        clientId: 'webclient123',
        logoutUrl: 'https://blogapp-staging-123456789012.auth.eu-west-1.amazoncognito.com/logout',
      },
    });
  });

  it('prefers the API’s custom domain when the stack has one', () => {
    expect(runtimeConfigFromOutputs({ ...OUTPUTS, ApiCustomUrl: 'https://api.blog.mine.dev' }).apiUrl).toBe(
      'https://api.blog.mine.dev',
    );
  });

  it('gives a Firebase stack’s web config to Firebase’s SDK, and no hosted sign-in', () => {
    const { SignInIssuer, WebClientId, SignInDomain, ...api } = OUTPUTS;
    const config = runtimeConfigFromOutputs({
      ...api,
      FirebaseProjectId: 'my-blog',
      FirebaseWebApiKey: 'AIzaPublicWebKey',
      FirebaseAuthDomain: 'my-blog.firebaseapp.com',
    });
    expect(config.firebase).toEqual({
      apiKey: 'AIzaPublicWebKey',
      authDomain: 'my-blog.firebaseapp.com',
      projectId: 'my-blog',
    });
    expect(config.signIn).toBeUndefined();
    expect(runtimeConfigFromOutputs(OUTPUTS).firebase).toBeUndefined();
  });

  it('leaves sign-in out without a pool of the stack’s own, and says which output is missing', () => {
    expect(runtimeConfigFromOutputs({ ApiUrl: 'https://a', WebSocketURL: 'wss://b' }).signIn).toBeUndefined();
    expect(() => runtimeConfigFromOutputs({ ApiUrl: 'https://a' })).toThrow(/no WebSocketURL output/);
  });
});

describe('publishing the site to S3', { timeout: 60_000 }, () => {
  let moto: MotoServer;
  let s3: S3Client;
  let cloudfront: CloudFrontClient;
  let distributionId: string;
  let dir: string;
  const bucket = 'blogapp-staging-site';

  beforeAll(async () => {
    moto = await startMotoServer();
    const client = {
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    };
    s3 = new S3Client({ ...client, forcePathStyle: true });
    cloudfront = new CloudFrontClient(client);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    distributionId = await createSiteDistribution(cloudfront, bucket);
    dir = await mkdtemp(join(tmpdir(), 'blogapp-site-'));
  }, 120_000);
  afterAll(async () => {
    await moto?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A build as vite lays it out: index.html naming its hashed assets. */
  const build = async (name: string, files: Record<string, string>) => {
    const buildDir = join(dir, name);
    for (const [key, body] of Object.entries(files)) {
      await mkdir(dirname(join(buildDir, key)), { recursive: true });
      await writeFile(join(buildDir, key), body);
    }
    return buildDir;
  };
  const publish = (buildDir: string, config: SiteRuntimeConfig = runtimeConfigFromOutputs(OUTPUTS)) =>
    publishSite({
      s3,
      invalidator: cloudFrontInvalidator(cloudfront),
      bucket,
      distributionId,
      buildDir,
      config,
    });
  /** What moto's CloudFront holds: every invalidation of the distribution, by id. */
  const invalidations = () => invalidatedPaths(cloudfront, distributionId);
  const head = (Key: string) => s3.send(new HeadObjectCommand({ Bucket: bucket, Key }));
  const text = async (Key: string) =>
    (await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body?.transformToString();

  it('uploads everything the first time, hashed assets cached for a year, the rest revalidated', async () => {
    const first = await build('first', {
      'index.html': '<script src="./assets/index-AbCd1234.js"></script>',
      'assets/index-AbCd1234.js': 'console.log(1)',
      'assets/index-EfGh5678.css': 'body{}',
      'notes.txt': 'old file',
    });
    const result = await publish(first);

    expect(result.uploaded.sort()).toEqual(
      [
        'assets/index-AbCd1234.js',
        'assets/index-EfGh5678.css',
        'blogapp-config.js',
        'index.html',
        'notes.txt',
      ].sort(),
    );
    expect(result.invalidated).toEqual([]);
    expect((await invalidations()).size).toBe(0);
    expect(await head('assets/index-AbCd1234.js')).toMatchObject({
      CacheControl: 'public, max-age=31536000, immutable',
      ContentType: 'text/javascript; charset=utf-8',
    });
    expect(await head('index.html')).toMatchObject({
      CacheControl: 'no-cache',
      ContentType: 'text/html; charset=utf-8',
    });
    expect(await head('blogapp-config.js')).toMatchObject({ CacheControl: 'no-cache' });
    const config = await text('blogapp-config.js');
    expect(config).toContain('"apiUrl":"https://abc123.execute-api.eu-west-1.amazonaws.com"');
    expect(config).toContain('"wsUrl":"wss://def456.execute-api.eu-west-1.amazonaws.com/staging"');
    expect(config).toContain('"issuer":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"');
  });

  it('sends and invalidates nothing when nothing changed', async () => {
    const result = await publish(join(dir, 'first'));
    expect(result.uploaded).toEqual([]);
    expect(result.invalidated).toEqual([]);
    expect((await invalidations()).size).toBe(0);
  });

  it('sends only what changed, keeps old hashed assets, and invalidates only cached paths that changed', async () => {
    const second = await build('second', {
      'index.html': '<script src="./assets/index-Zyxw9876.js"></script>',
      'assets/index-Zyxw9876.js': 'console.log(2)',
      'assets/index-EfGh5678.css': 'body{}',
    });
    const result = await publish(second);

    expect(result.uploaded.sort()).toEqual(['assets/index-Zyxw9876.js', 'index.html']);
    expect(result.deleted).toEqual(['notes.txt']);
    // The new asset was never served, so only the index (also `/`) and the deleted file can be cached.
    expect(result.invalidated).toEqual(['/', '/index.html', '/notes.txt']);
    expect(await invalidations()).toEqual(
      new Map([[result.invalidationId, ['/', '/index.html', '/notes.txt']]]),
    );
    // A page loaded before this deploy still finds its script.
    expect(await text('assets/index-AbCd1234.js')).toBe('console.log(1)');
    await expect(head('notes.txt')).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('republishes just the runtime config when a URL moves', async () => {
    const moved = runtimeConfigFromOutputs({ ...OUTPUTS, ApiUrl: 'https://api.blog.mine.dev' });
    const result = await publish(join(dir, 'second'), moved);
    expect(result.uploaded).toEqual(['blogapp-config.js']);
    expect(result.invalidated).toEqual(['/blogapp-config.js']);
    const held = await invalidations();
    expect(held.size).toBe(2);
    expect(held.get(result.invalidationId ?? '')).toEqual(['/blogapp-config.js']);
    expect(await text('blogapp-config.js')).toContain('"apiUrl":"https://api.blog.mine.dev"');
  });

  it('refuses a directory without index.html, saying how to build it', async () => {
    const empty = await build('empty', { 'assets/a-12345678.js': '' });
    await expect(publish(empty)).rejects.toThrow(/no index\.html: build the web client first/);
  });
});
