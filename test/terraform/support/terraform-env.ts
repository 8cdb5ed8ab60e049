import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirroredProviderBinary, startReattachedProvider } from './reattached-provider.js';

/** The AWS provider's filesystem mirror on this kind of machine; elsewhere terraform downloads it. */
const PLUGIN_MIRROR = process.env.BLOGAPP_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';

/**
 * The provider keeps all of AWS's schemas in a heap of hundreds of MB, and Go's collector scanned it again and
 * again while the provider polled moto: half its CPU in the deploy suite. Collect only near a bound instead.
 */
const PROVIDER_GC = { GOGC: 'off', GOMEMLIMIT: '1536MiB' };

export interface TerraformTestEnv {
  dir: string;
  /** For every terraform run: its own data dir (nothing written under the repository) and CLI config. */
  env(dataDirName: string): Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * A temp dir holding a CLI config that installs providers from the mirror, so `terraform init` needs no
 * network; each root gets its own TF_DATA_DIR there, so parallel runs never share a .terraform directory.
 * Where the mirror is, the file's commands share one provider process (see reattached-provider.ts), which
 * sees `providerEnv` (moto's credentials and region) as a provider started by those commands would.
 */
export async function terraformTestEnv(providerEnv: Record<string, string> = {}): Promise<TerraformTestEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'blogapp-tf-'));
  const config = join(dir, 'cli.tfrc');
  // The plugin cache makes every init after the first link the provider instead of copying its ~700 MB.
  const cache = join(dir, 'plugin-cache');
  await mkdir(cache);
  const mirror = existsSync(PLUGIN_MIRROR)
    ? `provider_installation {\n  filesystem_mirror {\n    path = "${PLUGIN_MIRROR}"\n  }\n}\n`
    : '';
  await writeFile(config, `plugin_cache_dir = "${cache}"\n${mirror}`);
  const binary = mirroredProviderBinary(PLUGIN_MIRROR);
  // Without AWS_CA_BUNDLE (moto is plain HTTP on loopback): the provider adds the bundle to its HTTP client
  // when configured, and refuses a second time ("unable to add custom RootCAs HTTPClient").
  const { AWS_CA_BUNDLE: _, ...inherited } = process.env;
  const provider = binary
    ? await startReattachedProvider(binary, { ...inherited, ...PROVIDER_GC, ...providerEnv })
    : undefined;
  return {
    dir,
    env: (dataDirName) => ({
      TF_CLI_CONFIG_FILE: config,
      TF_DATA_DIR: join(dir, dataDirName),
      CHECKPOINT_DISABLE: '1',
      ...(provider ? { TF_REATTACH_PROVIDERS: provider.reattach } : {}),
    }),
    dispose: async () => {
      provider?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A clear failure (not a skip) when terraform is missing: the checks must run wherever `make test` does. */
export function terraformMissingMessage(): string {
  return 'terraform is not on PATH: install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install), then re-run the tests.';
}
