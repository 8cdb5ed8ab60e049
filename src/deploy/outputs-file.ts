import { constants } from 'node:fs';
import { access, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { StackOutputs } from './engines/engine.js';
import { UsageError } from './errors.js';

/**
 * `npm run deploy -- --outputs-file <path>`: the deployed stack's outputs as one JSON object, for whatever runs
 * after the deploy (CI's smoke step and pull-request comment). Both engines give the same keys: the Terraform
 * roots name their outputs after the SAM template's (ApiUrl, WebSocketURL, SiteUrl, UserPoolId, SmokeClientId...).
 */
export const outputsFile = (path: string) => ({
  /** Before the deploy: a file an earlier run left would pass its stack's URLs off as this run's. */
  clear: () => rm(path, { force: true }),
  /** As soon as the outputs are known, before the checks that may still fail the deploy. */
  write: (outputs: StackOutputs) => writeFile(path, `${JSON.stringify(outputs, null, 2)}\n`),
});

/**
 * The file `--outputs-file` names, checked before anything is deployed: a path that cannot be written would
 * otherwise fail the run after the stack changed, skipping its checks. Relative to `cwd`, the caller's
 * directory (npm runs the CLI from the repository's root).
 */
export async function openOutputsFile(given: string, cwd: string): Promise<ReturnType<typeof outputsFile>> {
  if (!given.trim()) throw new UsageError('--outputs-file needs a path: the file to write the outputs to.');
  const path = resolve(cwd, given);
  const directory = dirname(path);
  const kind = await stat(directory).catch(() => undefined);
  if (!kind?.isDirectory()) {
    throw new UsageError(`--outputs-file ${given}: ${directory} is not a directory; create it first.`);
  }
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`--outputs-file ${given}: ${path} is a directory; name a file in it.`);
  }
  await access(directory, constants.W_OK).catch(() => {
    throw new UsageError(
      `--outputs-file ${given}: ${directory} is not writable by you; name a file elsewhere.`,
    );
  });
  const file = outputsFile(path);
  await file.clear();
  return file;
}
