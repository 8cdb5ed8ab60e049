import {
  type CloudFormationClient,
  ContinueUpdateRollbackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { DeployError } from '../../errors.js';
import type { Progress } from '../../progress.js';
import { firstFailure, type WaitOptions, waitForStack } from './events.js';

/** The stack, or undefined when there is none (a first deploy). */
export async function readStack(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const answer = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    return answer.Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** The stack's outputs by key; undefined when it does not exist or holds only an unexecuted first change set. */
export async function readOutputs(
  cloudformation: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string> | undefined> {
  const stack = await readStack(cloudformation, stackName);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') return undefined;
  return Object.fromEntries(
    (stack.Outputs ?? []).flatMap((o) => (o.OutputKey ? [[o.OutputKey, o.OutputValue ?? '']] : [])),
  );
}

/** Only a failed first create leaves these: nothing of the stack is left to update, only to delete. */
const FAILED_CREATE = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED']);

/**
 * Refuses a stack that cannot take a change set now, before anything is built or uploaded; with `recover`,
 * repairs what can be repaired: a failed first create is deleted (it holds no data: CloudFormation rolled
 * its resources back), and a stuck update rollback continues, skipping the resources that block it.
 */
export async function checkStackState(
  cloudformation: CloudFormationClient,
  stackName: string,
  {
    recover,
    environment,
    statusOf,
    wait,
  }: {
    recover: boolean;
    environment: string;
    wait?: WaitOptions;
    /** The status AWS would report, where an emulator reports another (the rehearsal's moto). */
    statusOf?: (cloudformation: CloudFormationClient, stack: Stack) => Promise<string | undefined>;
  },
  progress: Progress,
): Promise<void> {
  const stack = await readStack(cloudformation, stackName);
  if (!stack) return progress.note(`${stackName} does not exist yet: this deploy creates it`);
  const status = (await statusOf?.(cloudformation, stack)) ?? stack.StackStatus ?? 'UNKNOWN';
  const retry = `npm run deploy -- --env ${environment} --recover`;

  if (FAILED_CREATE.has(status)) {
    const cause = await firstFailure(cloudformation, stackName);
    const why = cause ? ` (it failed at ${cause})` : '';
    if (!recover) {
      throw new DeployError(
        `${stackName} is ${status}: its first create failed${why} and CloudFormation cannot update it.`,
        `Fix the cause, then run \`${retry}\` to delete the empty stack and create it afresh.`,
      );
    }
    progress.note(`${stackName} is ${status} after a failed first create${why}: deleting it (--recover)`);
    await cloudformation.send(new DeleteStackCommand({ StackName: stack.StackId ?? stackName }));
    await waitForStack(cloudformation, stack.StackId ?? stackName, progress, wait);
    return progress.note(`${stackName} deleted: this deploy creates it afresh`);
  }

  if (status === 'UPDATE_ROLLBACK_FAILED') {
    const stuck = await failedResources(cloudformation, stackName);
    const names = stuck.length > 0 ? stuck.join(', ') : 'none reported';
    if (!recover) {
      throw new DeployError(
        `${stackName} is UPDATE_ROLLBACK_FAILED: rolling back a failed update stopped at ${names}.`,
        `Fix what blocks them if you can (see \`npm run status -- --env ${environment}\`), then run \`${retry}\`: it continues the rollback and skips ${names}, which then stay as they are (check them afterwards).`,
      );
    }
    progress.note(`continuing the rollback of ${stackName}, skipping ${names} (--recover)`);
    await cloudformation.send(
      new ContinueUpdateRollbackCommand({ StackName: stackName, ResourcesToSkip: stuck }),
    );
    const settled = await waitForStack(cloudformation, stackName, progress, wait);
    if (settled !== 'UPDATE_ROLLBACK_COMPLETE') {
      throw new DeployError(
        `Continuing the rollback of ${stackName} ended in ${settled}.`,
        `See the events (\`npm run status -- --env ${environment}\`) and DEPLOYMENT.md, Troubleshooting.`,
      );
    }
    return progress.note(`${stackName} is UPDATE_ROLLBACK_COMPLETE; skipped: ${names}`);
  }

  if (status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS') {
    throw new DeployError(
      `${stackName} is ${status}: another deploy is changing it (since ${(stack.LastUpdatedTime ?? stack.CreationTime)?.toISOString() ?? 'an unknown time'}).`,
      `Wait for it to finish (\`npm run status -- --env ${environment}\`), then run again. Two deploys at once would fight over the same resources.`,
    );
  }
  if (status === 'DELETE_FAILED') {
    throw new DeployError(
      `${stackName} is DELETE_FAILED: a delete left resources behind.`,
      'Delete what blocks it (the console lists it), delete the stack, then deploy again.',
    );
  }
  progress.note(`${stackName} is ${status}`);
}

/** The resources a failed rollback could not bring back, as ContinueUpdateRollback's ResourcesToSkip wants. */
async function failedResources(cloudformation: CloudFormationClient, stackName: string): Promise<string[]> {
  const answer = await cloudformation.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  return (answer.StackResources ?? [])
    .filter((resource) => resource.ResourceStatus === 'UPDATE_FAILED')
    .map((resource) => resource.LogicalResourceId ?? '')
    .filter(Boolean);
}
