import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** One file of the built site, as it goes to the bucket. */
export interface SiteFile {
  /** The object key: the path under the build directory, with forward slashes. */
  key: string;
  body: Buffer;
  /** Hex MD5 of the body: S3's ETag for a single-part upload, so unchanged files are not sent again. */
  md5: string;
  contentType: string;
  cacheControl: string;
}

/** Vite names every asset it emits under assets/ after its content hash: a new build gets new names. */
export const isHashedAsset = (key: string) => /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(key);

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Browsers and CloudFront revalidate every time (the distribution's cache policy has MinTTL 0). */
const REVALIDATE = 'no-cache';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

export function siteFile(key: string, body: Buffer): SiteFile {
  return {
    key,
    body,
    md5: createHash('md5').update(body).digest('hex'),
    contentType: CONTENT_TYPES[extname(key).toLowerCase()] ?? 'application/octet-stream',
    cacheControl: isHashedAsset(key) ? IMMUTABLE : REVALIDATE,
  };
}

/** Every file under `dir`, as site files. */
export async function readSiteFiles(dir: string): Promise<SiteFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return siteFile(relative(dir, path).split(sep).join('/'), await readFile(path));
    }),
  );
}
