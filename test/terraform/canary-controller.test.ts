import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkAlarmWatch, sdkLambdaAliases } from '../../src/deploy/canary/aws-adapters.js';
import { BAKE_MS, POLL_MS, runCanary } from '../../src/deploy/canary/canary-controller.js';
import { rollBackLive } from '../../src/deploy/canary/rollback.js';
import { DeployError } from '../../src/deploy/errors.js';
import { fakeClock } from './support/fake-clock.js';
import { createMotoRole, createVersionedFunction } from './support/moto-lambda.js';
import { type MotoServer, motoClientConfig, startMotoServer } from './support/moto-server.js';

// The real SDK adapters against moto_server (Lambda aliases with routing config, CloudWatch alarm states);
// only time is fake, so a five-minute bake takes none.
let moto: MotoServer;
let lambda: LambdaClient;
let cloudwatch: CloudWatchClient;
let role: string;
let sequence = 0;

beforeAll(async () => {
  moto = await startMotoServer();
  lambda = new LambdaClient(motoClientConfig(moto));
  cloudwatch = new CloudWatchClient(motoClientConfig(moto));
  role = await createMotoRole(moto, 'canary-test');
}, 90_000);

afterAll(async () => {
  lambda?.destroy();
  cloudwatch?.destroy();
  await moto?.stop();
});

/** Two functions with live on version 1 and version 2 published, and one alarm in OK. */
async function scenario() {
  sequence += 1;
  const functions = [`api-${sequence}`, `websocket-${sequence}`];
  for (const name of functions) await createVersionedFunction(lambda, role, name, 2);
  const alarmName = `errors-${sequence}`;
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: alarmName,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  );
  const setAlarm = (state: 'OK' | 'ALARM') =>
    cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: state, StateReason: 'test' }),
    );
  await setAlarm('OK');
  return {
    functions,
    setAlarm,
    request: {
      functions: functions.map((functionName) => ({ functionName, version: '2' })),
      alarmNames: [alarmName],
    },
  };
}

const aliases = () => sdkLambdaAliases(lambda);
const liveOf = (functionName: string) => aliases().getAlias(functionName, 'live');
const quiet = () => {};

describe('canary controller (production without CodeDeploy)', () => {
  it('shifts 10 % to the new version, bakes while the alarms stay OK, then promotes', async () => {
    const { functions, request } = await scenario();
    const seenMidBake: unknown[] = [];
    const clock = fakeClock(async (poll) => {
      if (poll === 1) seenMidBake.push(...(await Promise.all(functions.map(liveOf))));
    });
    const outcome = await runCanary(request, {
      aliases: aliases(),
      alarms: sdkAlarmWatch(cloudwatch),
      clock,
      print: quiet,
    });

    expect(outcome).toBe('promoted');
    expect(seenMidBake).toEqual(
      functions.map(() => ({ version: '1', canary: { version: '2', weight: 0.1 } })),
    );
    expect(clock.polls).toBe(BAKE_MS / POLL_MS);
    for (const name of functions) expect(await liveOf(name)).toEqual({ version: '2' });
  });

  it('shifts everything back and fails when an alarm fires during the bake', async () => {
    const { functions, request, setAlarm } = await scenario();
    const clock = fakeClock(async (poll) => {
      if (poll === 3) await setAlarm('ALARM');
    });
    const run = runCanary(request, {
      aliases: aliases(),
      alarms: sdkAlarmWatch(cloudwatch),
      clock,
      print: quiet,
    });

    await expect(run).rejects.toThrow(DeployError);
    await expect(run).rejects.toThrow(/Canary stopped: errors-\d+ in ALARM after 90 s/);
    for (const name of functions) expect(await liveOf(name)).toEqual({ version: '1' });
  });

  it('after a crash mid-bake, the next run finds live half-shifted, moves it back, and runs the canary afresh', async () => {
    const { functions, request } = await scenario();
    const crash = new Error('the deploy process died');
    const crashing = fakeClock(async (poll) => {
      if (poll === 2) throw crash;
    });
    await expect(
      runCanary(request, {
        aliases: aliases(),
        alarms: sdkAlarmWatch(cloudwatch),
        clock: crashing,
        print: quiet,
      }),
    ).rejects.toBe(crash);
    for (const name of functions) {
      expect(await liveOf(name)).toEqual({ version: '1', canary: { version: '2', weight: 0.1 } });
    }

    const lines: string[] = [];
    const outcome = await runCanary(request, {
      aliases: aliases(),
      alarms: sdkAlarmWatch(cloudwatch),
      clock: fakeClock(),
      print: (line) => lines.push(line),
    });
    expect(outcome).toBe('promoted');
    expect(lines.filter((line) => line.includes('interrupted canary'))).toHaveLength(functions.length);
    for (const name of functions) expect(await liveOf(name)).toEqual({ version: '2' });
  });

  it('does nothing when live already serves the published version', async () => {
    const { functions } = await scenario();
    const request = {
      functions: functions.map((functionName) => ({ functionName, version: '1' })),
      alarmNames: [],
    };
    const clock = fakeClock();
    expect(
      await runCanary(request, {
        aliases: aliases(),
        alarms: sdkAlarmWatch(cloudwatch),
        clock,
        print: quiet,
      }),
    ).toBe('unchanged');
    expect(clock.polls).toBe(0);
  });

  it('--rollback moves live back one version, and drops a half-shifted canary', async () => {
    const { functions } = await scenario();
    const [promoted, halfShifted] = functions as [string, string];
    await aliases().updateAlias(promoted, 'live', { version: '2' });
    await aliases().updateAlias(halfShifted, 'live', { version: '1', canary: { version: '2', weight: 0.1 } });

    const moved = await rollBackLive(functions, aliases(), quiet);

    expect(moved).toEqual([
      { functionName: promoted, from: '2', to: '1' },
      { functionName: halfShifted, from: '2', to: '1' },
    ]);
    for (const name of functions) expect(await liveOf(name)).toEqual({ version: '1' });
    await expect(rollBackLive([promoted], aliases(), quiet)).rejects.toThrow(/no earlier version/);
  });
});
