import { DeployError } from '../../errors.js';
import type { PlannedChange } from '../engine.js';
import { statefulTypes } from '../stateful-kinds.js';

/** Resource types that hold data, and what is lost when one is replaced or deleted (the Terraform guard's too). */
export const STATEFUL_TYPES = statefulTypes('cloudFormation');

/** A change that replaces (a new resource, the old one deleted) or deletes a resource that holds data. */
export function dataLosingChanges(changes: PlannedChange[]): PlannedChange[] {
  return changes.filter(
    (change) =>
      STATEFUL_TYPES[change.type] !== undefined &&
      (change.action === 'Remove' ||
        (change.action === 'Modify' && ['True', 'Conditional'].includes(change.replacement))),
  );
}

/**
 * Throws unless every data-losing change is named by --allow-replacement, and every name it was given is
 * one of them: a misspelt name must not read as permission, nor one for a change this set does not make.
 */
export function refuseDataLoss(changes: PlannedChange[], allowed: string[], stackName: string): void {
  const losing = dataLosingChanges(changes);
  const unknown = allowed.filter((name) => !losing.some((change) => change.logicalId === name));
  if (unknown.length > 0) {
    const ids = losing.map((change) => change.logicalId);
    throw new DeployError(
      `--allow-replacement ${unknown.join(', ')}: not among what this change set replaces or deletes (${ids.length > 0 ? ids.join(', ') : 'no table, bucket, secret or user pool'}), so nothing was changed (the change set was deleted).`,
      'Name exactly the logical ids the change set replaces or deletes (check the spelling), or drop --allow-replacement.',
    );
  }
  const refused = losing.filter((change) => !allowed.includes(change.logicalId));
  if (refused.length === 0) return;
  const lines = refused.map((change) => {
    const what =
      change.action === 'Remove' ? 'deleted' : change.replacement === 'True' ? 'replaced' : 'maybe replaced';
    return `        ${change.logicalId} (${change.type}) would be ${what}: lost would be ${STATEFUL_TYPES[change.type]}`;
  });
  throw new DeployError(
    `Stopped before changing ${stackName}: this change set loses data.\n${lines.join('\n')}`,
    `Nothing was changed (the change set was deleted). If that is what you mean, back the data up, then run again with ${refused.map((c) => `--allow-replacement ${c.logicalId}`).join(' ')}; otherwise change the template so the resource keeps its logical id and key schema.`,
  );
}
