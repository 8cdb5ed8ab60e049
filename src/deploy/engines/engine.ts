import type { Progress } from '../progress.js';

/** `--engine`: how the stack is brought to the template. Terraform is built in src/deploy/terraform. */
export const ENGINE_NAMES = ['cloudformation', 'terraform'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
export const DEFAULT_ENGINE: EngineName = 'cloudformation';

/** One resource the plan would touch, as the table prints it. */
export interface PlannedChange {
  action: string;
  logicalId: string;
  type: string;
  /** "True", "False", "Conditional", or "" where the action is not a modification. */
  replacement: string;
}

export interface Plan {
  /** Nothing would change: there is nothing to apply. */
  empty: boolean;
  changes: PlannedChange[];
}

export type StackOutputs = Record<string, string>;

/**
 * What `npm run deploy` asks of an engine, in this order. Each step prints its own detail lines on
 * `progress`; refusals are DeployErrors saying what to do next.
 */
export interface DeployEngine {
  readonly name: EngineName;
  /** Before anything is built or uploaded: refuses a stack that cannot be changed now (or repairs it). */
  checkState(progress: Progress): Promise<void>;
  /** Builds and uploads what the plan refers to. */
  package(progress: Progress): Promise<void>;
  /** What would change, printed; changes nothing. Refuses a plan that would lose data not allowed. */
  plan(progress: Progress): Promise<Plan>;
  /** Applies exactly the plan `plan()` returned and follows it until it settles; the outputs after it. */
  apply(plan: Plan, progress: Progress): Promise<StackOutputs>;
  /** Drops a plan that will not be applied (declined, plan only). */
  discard(plan: Plan): Promise<void>;
  /** The stack's current outputs; undefined when it does not exist. */
  outputs(): Promise<StackOutputs | undefined>;
}
