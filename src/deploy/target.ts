import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import type { DeployEnvironment } from './environments.js';
import { DeployError } from './errors.js';

/** Where the SAM template and samconfig.toml live, relative to the project root. */
export const SAM_DIR = 'infrastructure/aws-sam';

/** The stack an environment deploys to, and how to reach it. */
export interface Target {
  environment: DeployEnvironment;
  stackName: string;
  /** The region the stack lives in: --region, else samconfig's; undefined leaves it to the AWS CLI's own default. */
  region?: string;
  profile?: string;
  /** samconfig's `parameter_overrides`: the template parameters `sam deploy` passes, which the engine passes too. */
  parameters: Record<string, string>;
  /** samconfig's `tags` (`key=value key2=value2`), put on the stack and so on every resource. */
  tags: Record<string, string>;
}

export interface TargetOverrides {
  region?: string;
  profile?: string;
}

type Table = Record<string, unknown>;

/**
 * Reads the environment's section of samconfig.toml, so the `aws` calls (describe-stacks, get-alias…) reach the
 * same stack, region and profile that `sam deploy --config-env <env>` does. SAM reads only that environment's
 * sections (`<env>.deploy.parameters`, then `<env>.global.parameters`), never `default`'s, and so does this.
 */
export async function loadTarget(
  root: string,
  environment: DeployEnvironment,
  overrides: TargetOverrides = {},
): Promise<Target> {
  const file = join(root, SAM_DIR, 'samconfig.toml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new DeployError(
      `${SAM_DIR}/samconfig.toml was not found under ${root}.`,
      'Run the CLI from the repository root (`npm run deploy` and `make deploy-*` do).',
    );
  }
  const config = parse(text) as Table;
  const section = config[environment] as Table | undefined;
  const sources = [section?.deploy, section?.global].map(
    (command) => ((command as Table | undefined)?.parameters ?? {}) as Table,
  );
  const setting = (key: string) => {
    for (const source of sources) if (source[key] !== undefined) return source[key];
    return undefined;
  };
  const textSetting = (key: string) => {
    const value = setting(key);
    return typeof value === 'string' ? value : undefined;
  };
  const stackName = textSetting('stack_name');
  if (!stackName) {
    throw new DeployError(
      `${SAM_DIR}/samconfig.toml has no stack_name for ${environment}.`,
      `Add [${environment}.deploy.parameters] with stack_name = "blogapp-${environment}" (DEPLOYMENT.md, first-time setup).`,
    );
  }
  const region = overrides.region ?? textSetting('region');
  const profile = overrides.profile ?? textSetting('profile');
  return {
    environment,
    stackName,
    ...(region ? { region } : {}),
    ...(profile ? { profile } : {}),
    parameters: overridesRecord(setting('parameter_overrides')),
    tags: overridesRecord(setting('tags')),
  };
}

/**
 * samconfig's `Key=Value` pairs (`parameter_overrides`, `tags`): a list, or one string of them; quotes around
 * a value are SAM's, not the value's.
 */
function overridesRecord(value: unknown): Record<string, string> {
  const pairs =
    typeof value === 'string'
      ? (value.match(/[A-Za-z0-9]+=(?:"[^"]*"|'[^']*'|\S*)/g) ?? [])
      : Array.isArray(value)
        ? value.map(String)
        : [];
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1).replace(/^(["'])(.*)\1$/, '$2')];
    }),
  );
}
