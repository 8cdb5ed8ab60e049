/** Where a function's `live` alias points: its primary version and, mid-canary, a share of traffic to another. */
export interface AliasState {
  version: string;
  canary?: { version: string; weight: number };
}

/** The Lambda calls the canary controller makes (aws-adapters.ts implements them with the SDK). */
export interface LambdaAliases {
  /** Undefined when the alias does not exist. */
  getAlias(functionName: string, alias: string): Promise<AliasState | undefined>;
  updateAlias(functionName: string, alias: string, state: AliasState): Promise<void>;
  /** The function's published version numbers (never $LATEST), ascending. */
  listVersions(functionName: string): Promise<string[]>;
}

/** Which of the named CloudWatch alarms are in ALARM now. */
export interface AlarmWatch {
  inAlarm(alarmNames: string[]): Promise<string[]>;
}

/** Time, so the tests can bake for five minutes in no time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const LIVE = 'live';
