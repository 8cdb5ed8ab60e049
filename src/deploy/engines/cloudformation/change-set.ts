import {
  type Capability,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';
import type { PlannedChange } from '../engine.js';

/** IAM: each function's role; AUTO_EXPAND: the Serverless and LanguageExtensions transforms. */
const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'];

export interface ChangeSetRequest {
  stackName: string;
  /** CREATE when the stack does not exist (or only awaits its first change set), else UPDATE. */
  type: 'CREATE' | 'UPDATE';
  template: { TemplateBody: string } | { TemplateURL: string };
  parameters: Record<string, string>;
  tags: Record<string, string>;
}

export interface ChangeSet {
  id: string;
  empty: boolean;
  changes: PlannedChange[];
}

/** What CloudFormation says when a change set would change nothing. */
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

/** Creates a change set, waits until CloudFormation has computed it, and reads every change it holds. */
export async function createChangeSet(
  cloudformation: CloudFormationClient,
  request: ChangeSetRequest,
  { intervalMs = 2_000, timeoutMs = 10 * 60_000 } = {},
): Promise<ChangeSet> {
  const created = await cloudformation.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: `blogapp-${new Date()
        .toISOString()
        .replace(/[^0-9]/g, '')
        .slice(0, 14)}`,
      ChangeSetType: request.type,
      ...request.template,
      Parameters: Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      Capabilities: CAPABILITIES,
      Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
      Description: 'npm run deploy',
    }),
  );
  const id = created.Id ?? '';
  const started = Date.now();
  let answer: DescribeChangeSetCommandOutput;
  for (;;) {
    answer = await cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
    if (answer.Status === 'CREATE_COMPLETE' || answer.Status === 'FAILED') break;
    if (Date.now() - started > timeoutMs) throw new Error(`Change set ${id} is still ${answer.Status}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (answer.Status === 'FAILED') {
    if (NO_CHANGES.test(answer.StatusReason ?? '')) return { id, empty: true, changes: [] };
    throw new ChangeSetFailed(id, answer.StatusReason ?? 'no reason given');
  }
  const changes = toPlanned(answer);
  let NextToken = answer.NextToken;
  while (NextToken) {
    const page = await cloudformation.send(new DescribeChangeSetCommand({ ChangeSetName: id, NextToken }));
    changes.push(...toPlanned(page));
    NextToken = page.NextToken;
  }
  return { id, empty: changes.length === 0, changes };
}

export class ChangeSetFailed extends Error {
  constructor(
    readonly changeSetId: string,
    readonly reason: string,
  ) {
    super(`CloudFormation could not create the change set: ${reason}`);
  }
}

function toPlanned(answer: DescribeChangeSetCommandOutput): PlannedChange[] {
  return (answer.Changes ?? []).flatMap((change) => {
    const resource = change.ResourceChange;
    if (!resource) return [];
    return [
      {
        action: resource.Action ?? '?',
        logicalId: resource.LogicalResourceId ?? '?',
        type: resource.ResourceType ?? '?',
        replacement: resource.Action === 'Modify' ? (resource.Replacement ?? '') : '',
      },
    ];
  });
}

export async function deleteChangeSet(cloudformation: CloudFormationClient, id: string): Promise<void> {
  await cloudformation.send(new DeleteChangeSetCommand({ ChangeSetName: id }));
}

/** The change set as a table: action, logical id, type, replacement. */
export function changeTable(changes: PlannedChange[]): string[] {
  const rows = [
    ['Action', 'Logical id', 'Type', 'Replacement'],
    ...changes.map((c) => [c.action, c.logicalId, c.type, c.replacement]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0] ?? []),
    line(widths.map((w) => '-'.repeat(w)).concat('-----------')),
    ...rows.slice(1).map(line),
  ];
}
