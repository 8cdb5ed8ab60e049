import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bundleFunction } from '../../../../scripts/template/bundle.js';
import { esbuildFunctions } from '../../../../scripts/template/functions.js';
import type { Template } from '../../../../scripts/template/template.js';
import { deterministicZip, sha256 } from '../../bundles/deterministic-zip.js';
import type { Progress } from '../../progress.js';

/** CloudFormation takes a template inline up to this many bytes; a larger one must be in S3. */
export const INLINE_TEMPLATE_LIMIT = 51_200;

export interface S3Location {
  bucket: string;
  key: string;
}

export interface Packaged {
  /** The template with each function's CodeUri pointing at its uploaded bundle. */
  template: Template;
  code: Record<string, S3Location>;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Bundles every function as `make build` does (the template's esbuild Metadata), zips each deterministically
 * and uploads it under its content hash (skipped when that key is already there: same code, same key).
 */
export async function packageFunctions(
  template: Template,
  { s3, bucket, prefix, zips }: { s3: S3Client; bucket: string; prefix: string; zips?: ZipCache },
  progress: Progress,
): Promise<Packaged> {
  const functions = esbuildFunctions(template);
  // esbuild runs its builds on its own threads: starting all at once overlaps them.
  const built = await Promise.all(
    functions.map(async (fn) => {
      const cacheKey = JSON.stringify(fn);
      const cached = zips?.get(cacheKey);
      if (cached) return cached;
      const bundle = await bundleFunction(fn, '/bundle', { write: false });
      const zip = deterministicZip(bundle.files);
      zips?.set(cacheKey, zip);
      return zip;
    }),
  );
  const code: Record<string, S3Location> = {};
  for (const [index, fn] of functions.entries()) {
    const zip = built[index] as Uint8Array;
    const key = `${prefix}/${fn.logicalId}/${sha256(zip)}.zip`;
    const uploaded = await putIfAbsent(s3, { bucket, key }, zip, 'application/zip');
    progress.note(
      `${fn.logicalId.padEnd(22)} ${kib(zip.byteLength).padStart(10)}  s3://${bucket}/${key}${uploaded ? '' : ' (already uploaded)'}`,
    );
    code[fn.logicalId] = { bucket, key };
  }
  return { template: withCode(template, code), code };
}

/**
 * Zips already built in this process, by function (entry and esbuild options). Only the rehearsal passes
 * one, to build once for its many deploys; a CLI deploy builds every time.
 */
export type ZipCache = Map<string, Uint8Array>;

/** The template with CodeUri set to each function's S3 location (what `sam package` writes). */
export function withCode(template: Template, code: Record<string, S3Location>): Template {
  const resources = Object.fromEntries(
    Object.entries(template.Resources).map(([id, resource]) => {
      const location = code[id];
      if (!location) return [id, resource];
      return [
        id,
        {
          ...resource,
          Properties: { ...resource.Properties, CodeUri: { Bucket: location.bucket, Key: location.key } },
        },
      ];
    }),
  );
  return { ...template, Resources: resources };
}

/**
 * The template as CloudFormation takes it: inline when small enough, else uploaded (content-hash key) and
 * named by URL.
 */
export async function templateSource(
  body: string,
  { s3, bucket, prefix, region }: { s3: S3Client; bucket: string; prefix: string; region: string },
): Promise<{ TemplateBody: string } | { TemplateURL: string }> {
  if (Buffer.byteLength(body) <= INLINE_TEMPLATE_LIMIT) return { TemplateBody: body };
  const key = `${prefix}/templates/${sha256(body)}.json`;
  await putIfAbsent(s3, { bucket, key }, Buffer.from(body), 'application/json');
  return { TemplateURL: `https://${bucket}.s3.${region}.amazonaws.com/${key}` };
}

async function putIfAbsent(
  s3: S3Client,
  { bucket, key }: S3Location,
  body: Uint8Array,
  contentType: string,
): Promise<boolean> {
  const present = await s3
    .send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    .then(() => true)
    .catch((error: { name?: string; $metadata?: { httpStatusCode?: number } }) => {
      if (error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404) return false;
      throw error;
    });
  if (present) return false;
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: contentType,
      ServerSideEncryption: 'AES256',
    }),
  );
  return true;
}
