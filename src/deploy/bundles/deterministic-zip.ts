import { createHash } from 'node:crypto';
import { type Zippable, zipSync } from 'fflate';

/** DOS time starts in 1980; built from local fields so every time zone writes the same bytes. */
const FIXED_MTIME = new Date(1980, 0, 1);

/**
 * A zip of the files whose bytes depend on nothing but the files: entries sorted by path, one fixed
 * modification time, Unix permissions (readable by Lambda's runtime user), fixed compression. The same
 * sources give the same archive, so the same hash: CloudFormation's S3 key and Terraform's source_code_hash
 * change only when a bundle does, and an unchanged function is not redeployed by either engine.
 */
export function deterministicZip(files: { path: string; contents: Uint8Array }[]): Uint8Array {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entries: Zippable = {};
  for (const file of sorted)
    entries[file.path] = [file.contents, { mtime: FIXED_MTIME, level: 6, os: 3, attrs: 0o100644 << 16 }];
  return zipSync(entries);
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
