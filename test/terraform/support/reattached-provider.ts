import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ReattachedProvider {
  /** The value terraform reads from TF_REATTACH_PROVIDERS to use this process instead of starting its own. */
  reattach: string;
  stop(): void;
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** The provider binary in a filesystem mirror (`<mirror>/<host>/<ns>/<type>/<version>/<os_arch>/`), if there. */
export function mirroredProviderBinary(mirror: string): string | undefined {
  const versions = join(mirror, PROVIDER);
  if (!existsSync(versions)) return undefined;
  for (const version of readdirSync(versions)) {
    const dir = join(versions, version, `linux_${process.arch === 'x64' ? 'amd64' : process.arch}`);
    const binary = existsSync(dir)
      ? readdirSync(dir).find((file) => file.startsWith('terraform-provider-aws'))
      : undefined;
    if (binary) return join(dir, binary);
  }
  return undefined;
}

/**
 * One AWS provider process for all the terraform commands of a test file. Terraform otherwise starts the
 * provider for every plan, apply, show and validate, and each start loads the provider's schemas for all of
 * AWS: ~1.7 CPU-seconds, 19 times in the deploy suite — a third of `make test`'s terraform CPU. It is the same
 * binary terraform would start (from the mirror `init` installs from), run with its own `-debug` flag, which
 * prints the TF_REATTACH_PROVIDERS value that makes terraform attach to it; nothing else changes. It reads
 * credentials and region from its own environment, not the command's: give it what the commands would pass.
 * Only for commands run one after another: concurrent ones would each configure the one process their way.
 */
export function startReattachedProvider(
  binary: string,
  env: Record<string, string | undefined>,
): Promise<ReattachedProvider> {
  const child: ChildProcess = spawn(binary, ['-debug'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    child.kill();
  };
  return new Promise((resolve, reject) => {
    const failed = (why: string) => {
      stop();
      reject(new Error(`The AWS provider (${binary} -debug) did not start: ${why}`));
    };
    child.once('error', (error) => failed(error.message));
    child.once('exit', (code) => failed(`exited with ${code}`));
    let seen = '';
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      seen += `${line}\n`;
      const found = line.match(/TF_REATTACH_PROVIDERS='(.+)'/);
      if (!found?.[1]) return;
      child.removeAllListeners('exit');
      lines.close();
      // Drained from now on, so a chatty provider never blocks on a full pipe.
      child.stdout?.resume();
      resolve({ reattach: found[1], stop });
    });
    child.stderr?.resume();
    child.stdout?.once('end', () => failed(`no TF_REATTACH_PROVIDERS line in its output:\n${seen}`));
  });
}
