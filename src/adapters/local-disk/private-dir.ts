import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A directory of the local stack's own that holds blog data (dynalite's files and stream journal, uploaded
 * images): only its owner may list or enter it, as only the owner may read the generated secrets beside it.
 * One an earlier version made readable by every local user is closed too.
 */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  await chmod(path, 0o700);
}

/** Files the local stack keeps blog data in beside its folders; an older version wrote them readable by all. */
const PRIVATE_FILES = ['stream-failures.jsonl'];

/**
 * The local stack's data directory: made private when the stack makes it, or when it is the project's own
 * (`owned`, the default `.data`, which an older version made 0755); a directory APP_DATA_DIR names that
 * already existed keeps its mode, its owner's business. The data files directly in it are closed either way.
 */
export async function prepareDataDir(dataDir: string, owned: boolean): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (owned) await chmod(dataDir, 0o700);
  for (const name of PRIVATE_FILES) {
    await chmod(join(dataDir, name), 0o600).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}
