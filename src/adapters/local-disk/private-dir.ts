import { chmod, mkdir } from 'node:fs/promises';

/**
 * A directory of the local stack's own that holds blog data (dynalite's files and stream journal, uploaded
 * images): only its owner may list or enter it, as only the owner may read the generated secrets beside it.
 * One an earlier version made readable by every local user is closed too.
 */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
}
