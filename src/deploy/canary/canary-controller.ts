import { DeployError } from '../errors.js';
import type { Print } from '../progress.js';
import { type AlarmWatch, type AliasState, type Clock, type LambdaAliases, LIVE } from './ports.js';

/** SAM's Canary10Percent5Minutes, which the Terraform path reproduces without CodeDeploy. */
export const CANARY_WEIGHT = 0.1;
export const BAKE_MS = 5 * 60_000;
export const POLL_MS = 30_000;

export interface CanaryRequest {
  /** Each function's name and the version this deploy published for it. */
  functions: { functionName: string; version: string }[];
  /** The alarms that stop the canary (SAM's DeploymentPreference.Alarms: 5xx, errors, duration). */
  alarmNames: string[];
  weight?: number;
  bakeMs?: number;
  pollMs?: number;
}

export interface CanaryDeps {
  aliases: LambdaAliases;
  alarms: AlarmWatch;
  clock: Clock;
  print: Print;
}

interface Shift {
  functionName: string;
  from: string;
  to: string;
}

/**
 * Production's canary: 10 % of each changed function's `live` to its new version, the alarms watched for the
 * bake time, then all promoted, or all shifted back and a DeployError. A `live` left half-shifted by an
 * interrupted run is first moved back to its primary version, so the outcome never depends on where the
 * last run stopped; then this run's canary starts afresh.
 */
export async function runCanary(request: CanaryRequest, deps: CanaryDeps): Promise<'promoted' | 'unchanged'> {
  const { aliases, alarms, clock, print } = deps;
  const weight = request.weight ?? CANARY_WEIGHT;
  const bakeMs = request.bakeMs ?? BAKE_MS;
  const pollMs = request.pollMs ?? POLL_MS;

  const shifts: Shift[] = [];
  for (const { functionName, version } of request.functions) {
    const live = await aliases.getAlias(functionName, LIVE);
    if (!live) {
      throw new DeployError(
        `${functionName} has no \`${LIVE}\` alias.`,
        'Terraform creates it: run the deploy again without --plan-only, or check the apply above.',
      );
    }
    if (live.canary) {
      print(
        `${functionName}: ${LIVE} was left at ${live.version} + ${pct(live.canary.weight)} on ${live.canary.version} by an interrupted canary; moving it back to ${live.version}`,
      );
      await aliases.updateAlias(functionName, LIVE, { version: live.version });
    }
    if (live.version !== version) shifts.push({ functionName, from: live.version, to: version });
  }
  if (shifts.length === 0) {
    print(`every ${LIVE} alias already serves this deploy's version: no canary needed`);
    return 'unchanged';
  }

  for (const { functionName, from, to } of shifts) {
    await aliases.updateAlias(functionName, LIVE, { version: from, canary: { version: to, weight } });
    print(`${functionName}: ${LIVE} = ${from}, ${pct(weight)} to ${to}`);
  }

  const started = clock.now();
  print(`baking for ${bakeMs / 60_000} min, watching ${request.alarmNames.join(', ')}`);
  for (;;) {
    const firing = await alarms.inAlarm(request.alarmNames);
    if (firing.length > 0) {
      await moveAll(aliases, shifts, (shift) => ({ version: shift.from }));
      throw new DeployError(
        `Canary stopped: ${firing.join(', ')} in ALARM after ${Math.round((clock.now() - started) / 1000)} s; every ${LIVE} alias is back on its previous version.`,
        'See why with `npm run logs -- --env production` and the dashboard; fix it and deploy again.',
      );
    }
    if (clock.now() - started >= bakeMs) break;
    await clock.sleep(Math.min(pollMs, bakeMs - (clock.now() - started)));
  }

  await moveAll(aliases, shifts, (shift) => ({ version: shift.to }));
  for (const { functionName, to } of shifts) print(`${functionName}: ${LIVE} promoted to ${to}`);
  return 'promoted';
}

async function moveAll(aliases: LambdaAliases, shifts: Shift[], state: (shift: Shift) => AliasState) {
  for (const shift of shifts) await aliases.updateAlias(shift.functionName, LIVE, state(shift));
}

const pct = (weight: number) => `${Math.round(weight * 100)} %`;
