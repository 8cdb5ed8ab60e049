import { DeployError } from '../errors.js';
import type { Print } from '../progress.js';
import { type LambdaAliases, LIVE } from './ports.js';

/**
 * `--rollback`: each function's `live` goes back one version (the highest published version below the one it
 * serves). Mid-canary it only drops the canary's share, which is the same as going back. Returns what moved.
 */
export async function rollBackLive(
  functionNames: string[],
  aliases: LambdaAliases,
  print: Print,
): Promise<{ functionName: string; from: string; to: string }[]> {
  const moved: { functionName: string; from: string; to: string }[] = [];
  const problems: string[] = [];
  for (const functionName of functionNames) {
    const live = await aliases.getAlias(functionName, LIVE);
    if (!live) {
      problems.push(`${functionName} has no ${LIVE} alias`);
      continue;
    }
    if (live.canary) {
      await aliases.updateAlias(functionName, LIVE, { version: live.version });
      print(`${functionName}: canary on ${live.canary.version} dropped; ${LIVE} stays on ${live.version}`);
      moved.push({ functionName, from: live.canary.version, to: live.version });
      continue;
    }
    const earlier = (await aliases.listVersions(functionName)).filter(
      (version) => Number(version) < Number(live.version),
    );
    const previous = earlier.at(-1);
    if (!previous) {
      problems.push(`${functionName}: ${LIVE} is on ${live.version}, and there is no earlier version`);
      continue;
    }
    await aliases.updateAlias(functionName, LIVE, { version: previous });
    print(`${functionName}: ${LIVE} ${live.version} → ${previous}`);
    moved.push({ functionName, from: live.version, to: previous });
  }
  if (problems.length > 0) {
    throw new DeployError(
      `Rollback incomplete: ${problems.join('; ')}.`,
      'The functions listed above were moved back; for the others, deploy a fixed version instead.',
    );
  }
  return moved;
}
