import { type Zippable, zipSync } from 'fflate';

/**
 * One fixed timestamp for every entry. fflate writes DOS times from the Date's local fields, so a date built
 * from local fields gives the same bytes in every time zone (the zip format's own epoch, 1980-01-01).
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * The same files always zip to the same bytes, so Terraform's source_code_hash changes only when a bundle
 * does: entries sorted by path, fixed times, no OS-specific attributes, a fixed compression level.
 */
export function deterministicZip(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const path of Object.keys(files).sort()) {
    entries[path] = [
      files[path] as Uint8Array,
      { mtime: FIXED_MTIME, level: 9, os: 3, attrs: 0o100644 << 16 },
    ];
  }
  return zipSync(entries);
}
