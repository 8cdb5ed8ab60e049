import { rm, writeFile } from 'node:fs/promises';
import type { StackOutputs } from './engines/engine.js';

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
