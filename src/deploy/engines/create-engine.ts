import { loadTemplate } from '../../../scripts/template/template.js';
import type { DeployOptions } from '../deploy.js';
import { UsageError } from '../errors.js';
import type { Target } from '../target.js';
import { awsClients } from './cloudformation/clients.js';
import { CloudFormationEngine, type CloudFormationEngineOptions } from './cloudformation/engine.js';
import type { DeployEngine } from './engine.js';

/** The template as written, read once per deploy. */
const template = await loadTemplate();

/** `--engine`: the engine a deploy runs on. */
export function createEngine(
  target: Target,
  parameters: Record<string, string>,
  options: DeployOptions,
  extra: Partial<Pick<CloudFormationEngineOptions, 'emulator' | 'zips' | 'template' | 'clients'>> = {},
): DeployEngine {
  if (options.engine !== 'cloudformation') {
    throw new UsageError(
      `--engine ${options.engine} is not available in this build; use --engine cloudformation.`,
    );
  }
  return new CloudFormationEngine({
    target,
    template,
    parameters,
    allowReplacement: options.allowReplacement,
    recover: options.recover,
    ...(options.artifactsBucket ? { artifactsBucket: options.artifactsBucket } : {}),
    clients: awsClients(target),
    ...extra,
  });
}
