import { statefulTypes } from '../engines/stateful-kinds.js';

/** What `terraform show -json <planfile>` says about one resource (the fields this CLI reads). */
interface ResourceChangeJson {
  address: string;
  type: string;
  change: { actions: string[] };
  action_reason?: string;
}

export interface PlanJson {
  resource_changes?: ResourceChangeJson[];
}

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete';

export interface ResourceChange {
  address: string;
  type: string;
  action: ChangeAction;
}

/** Resources whose replacement or deletion loses data (the same kinds the CloudFormation guard refuses). */
export const STATEFUL_TYPES = statefulTypes('terraform');

function actionOf(actions: string[]): ChangeAction | undefined {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('create')) return 'create';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('update')) return 'update';
  return undefined; // no-op and read
}

/** The plan's changes, in the plan's order, without no-ops and data reads. */
export function planChanges(plan: PlanJson): ResourceChange[] {
  return (plan.resource_changes ?? []).flatMap(({ address, type, change }) => {
    const action = actionOf(change.actions);
    return action ? [{ address, type, action }] : [];
  });
}

/** Replacements and deletions of stateful resources: the deploy refuses them unless explicitly allowed. */
export function destructiveChanges(changes: ResourceChange[]): ResourceChange[] {
  return changes.filter(
    ({ type, action }) => STATEFUL_TYPES[type] !== undefined && (action === 'replace' || action === 'delete'),
  );
}

const SYMBOL: Record<ChangeAction, string> = { create: '+', update: '~', replace: '-/+', delete: '-' };

/** The change table `--plan-only` shows: one row per resource, then the counts. */
export function formatChangeTable(changes: ResourceChange[]): string[] {
  if (changes.length === 0) return ['No changes: the environment already matches the configuration.'];
  const actionWidth = Math.max(...changes.map(({ action }) => `${SYMBOL[action]} ${action}`.length), 6);
  const typeWidth = Math.max(...changes.map(({ type }) => type.length), 4);
  const row = (a: string, t: string, r: string) => `${a.padEnd(actionWidth)}  ${t.padEnd(typeWidth)}  ${r}`;
  const counts = (['create', 'update', 'replace', 'delete'] as const)
    .map((action) => [action, changes.filter((change) => change.action === action).length] as const)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} to ${action}`);
  return [
    row('action', 'type', 'resource'),
    row('-'.repeat(actionWidth), '-'.repeat(typeWidth), '-'.repeat(8)),
    ...changes.map(({ action, type, address }) => row(`${SYMBOL[action]} ${action}`, type, address)),
    `${changes.length} changes: ${counts.join(', ')}`,
  ];
}
