import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { runtimeConfigScript, type SiteRuntimeConfig } from './runtime-config.js';
import { isHashedAsset, readSiteFiles, type SiteFile, siteFile } from './site-files.js';

/** Where the runtime config lives; web/index.html loads it before the app. */
export const RUNTIME_CONFIG_KEY = 'blogapp-config.js';

/** Asks CloudFront to drop cached paths (the port keeps the CloudFront SDK out of this module). */
export interface Invalidator {
  /** Returns the invalidation's id. */
  invalidate(distributionId: string, paths: string[]): Promise<string>;
}

export interface PublishSiteOptions {
  s3: S3Client;
  invalidator: Invalidator;
  bucket: string;
  distributionId: string;
  /** The built web client (`vite build` output). */
  buildDir: string;
  config: SiteRuntimeConfig;
  /** One line per step, for the deploy's progress output. */
  note?: (line: string) => void;
}

export interface PublishResult {
  uploaded: string[];
  unchanged: string[];
  deleted: string[];
  /** Paths invalidated in CloudFront; empty when nothing cached could have changed. */
  invalidated: string[];
  invalidationId?: string;
}

/**
 * Puts the built web client and its runtime config in the site bucket, sending only what changed, then
 * invalidates only the cached paths that changed. Hashed assets (new name per content) are cached for a
 * year and never need invalidating; index.html and the runtime config are revalidated on every request.
 * Old hashed assets stay: a page loaded before the deploy may still ask for its chunks.
 */
export async function publishSite(options: PublishSiteOptions): Promise<PublishResult> {
  const note = options.note ?? (() => undefined);
  const files = [
    ...(await readSiteFiles(options.buildDir)).filter((file) => file.key !== RUNTIME_CONFIG_KEY),
    siteFile(RUNTIME_CONFIG_KEY, Buffer.from(runtimeConfigScript(options.config))),
  ];
  if (!files.some((file) => file.key === 'index.html')) {
    throw new Error(
      `${options.buildDir} has no index.html: build the web client first (npx vite build --config web/vite.config.ts).`,
    );
  }
  const remote = await listObjects(options.s3, options.bucket);
  const changed = files.filter((file) => remote.get(file.key) !== file.md5);
  const unchanged = files.filter((file) => remote.get(file.key) === file.md5).map((file) => file.key);

  // Assets before the index that names them, so no browser is sent to a file that is not there yet.
  const ordered = [...changed].sort(
    (a, b) => Number(a.key === 'index.html') - Number(b.key === 'index.html'),
  );
  for (const file of ordered) await upload(options.s3, options.bucket, file);
  if (changed.length > 0) note(`site: uploaded ${changed.length} file(s), ${unchanged.length} unchanged`);

  const local = new Set(files.map((file) => file.key));
  const stale = [...remote.keys()].filter((key) => !local.has(key) && !isHashedAsset(key));
  if (stale.length > 0) {
    await options.s3.send(
      new DeleteObjectsCommand({
        Bucket: options.bucket,
        Delete: { Objects: stale.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    note(`site: deleted ${stale.length} file(s) the build no longer has`);
  }

  const invalidated = invalidationPaths([...changed.map((file) => file.key), ...stale], remote);
  const result: PublishResult = {
    uploaded: changed.map((file) => file.key),
    unchanged,
    deleted: stale,
    invalidated,
  };
  if (invalidated.length === 0) {
    note('site: nothing cached changed, no invalidation');
    return result;
  }
  const invalidationId = await options.invalidator.invalidate(options.distributionId, invalidated);
  note(`site: invalidated ${invalidated.join(' ')} (${invalidationId})`);
  return { ...result, invalidationId };
}

/**
 * Only what was there before can be cached: new keys (every new hashed asset) were never served (a miss is
 * not cached either: the error responses' caching TTL is 0). `/` is index.html too.
 */
function invalidationPaths(keys: string[], remote: Map<string, string>): string[] {
  const paths = keys.filter((key) => remote.has(key)).map((key) => `/${key}`);
  if (paths.includes('/index.html')) paths.unshift('/');
  return paths;
}

/** Every object's key and content MD5 (its ETag, unquoted). */
async function listObjects(s3: S3Client, bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key) objects.set(object.Key, (object.ETag ?? '').replace(/"/g, ''));
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

function upload(s3: S3Client, bucket: string, file: SiteFile) {
  return s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: file.key,
      Body: file.body,
      ContentType: file.contentType,
      CacheControl: file.cacheControl,
      ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
    }),
  );
}
