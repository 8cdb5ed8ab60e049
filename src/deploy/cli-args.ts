import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type DeployEnvironment, parseEnvironment } from './environments.js';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What every deploy-side CLI takes: the environment and, optionally, where to reach it. */
const COMMON = {
  env: { type: 'string', short: 'e' },
  // The seeds' deploy script spells it out (`--environment staging`).
  environment: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface CommonArgs {
  environment: DeployEnvironment;
  region?: string;
  profile?: string;
}

/**
 * Parses argv with the common options plus `extra`; unknown options and stray arguments are usage errors.
 * Returns undefined for --help (the entry prints its usage).
 */
export function parseCliArgs<const T extends Options>(argv: string[], extra: T) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof COMMON & T; strict: true }>>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...COMMON, ...extra },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return undefined;
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const common: CommonArgs = {
    environment: parseEnvironment(str('env') ?? str('environment')),
    ...(str('region') ? { region: str('region') } : {}),
    ...(str('profile') ? { profile: str('profile') } : {}),
  };
  return { common, values: parsed.values };
}
