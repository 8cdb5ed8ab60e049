import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { elapsed, type Progress } from '../../progress.js';

export interface WaitOptions {
  /** Between polls; CloudFormation's own console polls every few seconds. */
  intervalMs?: number;
  /** Give up after this long (a stack update can legitimately take most of an hour: canaries, tables). */
  timeoutMs?: number;
}

const DEFAULT_WAIT: Required<WaitOptions> = { intervalMs: 3_000, timeoutMs: 60 * 60_000 };

/**
 * Follows the stack until it is no longer in progress, printing each new event once as a progress line
 * (elapsed, resource, status, reason). Returns the settled status (DELETE_COMPLETE when it is gone).
 */
export async function waitForStack(
  cloudformation: CloudFormationClient,
  stackName: string,
  progress: Progress,
  options: WaitOptions = {},
): Promise<string> {
  const { intervalMs, timeoutMs } = { ...DEFAULT_WAIT, ...options };
  const started = performance.now();
  const startedAt = new Date();
  // A second of slack for the difference between this clock and CloudFormation's.
  const since = new Date(startedAt.getTime() - 1_000);
  const seen = new Set<string>();
  for (;;) {
    const { status, events } = await poll(cloudformation, stackName, since);
    for (const event of events) {
      if (seen.has(event.EventId ?? '')) continue;
      seen.add(event.EventId ?? '');
      progress.note(formatEvent(event, startedAt));
    }
    // REVIEW_IN_PROGRESS is a stack waiting for its first change set: nothing is running.
    if (!status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS') return status;
    if (performance.now() - started > timeoutMs) {
      throw new Error(`${stackName} is still ${status} after ${elapsed(started)}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function poll(
  cloudformation: CloudFormationClient,
  stackName: string,
  since: Date,
): Promise<{ status: string; events: StackEvent[] }> {
  let status: string;
  try {
    const answer = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    status = answer.Stacks?.[0]?.StackStatus ?? 'UNKNOWN';
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return { status: 'DELETE_COMPLETE', events: [] };
    throw error;
  }
  const events = await recentEvents(cloudformation, stackName, since);
  return { status, events };
}

/** Events since `since`, oldest first (the API pages newest first). */
async function recentEvents(
  cloudformation: CloudFormationClient,
  stackName: string,
  since?: Date,
): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cloudformation.send(
      new DescribeStackEventsCommand({ StackName: stackName, ...(NextToken ? { NextToken } : {}) }),
    );
    const fresh = (page.StackEvents ?? []).filter((e) => !since || (e.Timestamp ?? since) >= since);
    events.push(...fresh);
    NextToken = fresh.length === (page.StackEvents ?? []).length ? page.NextToken : undefined;
  } while (NextToken);
  // The API lists newest first; reversed first, events with the same timestamp keep their order too.
  return events.reverse().sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0));
}

/** One event as a progress line: time since the operation began (by CloudFormation's clock), resource, status, reason. */
export function formatEvent(event: StackEvent, startedAt: Date): string {
  const ms = Math.max(0, (event.Timestamp ?? startedAt).getTime() - startedAt.getTime());
  const at =
    ms < 60_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : '';
  return `${at.padStart(10)}  ${(event.LogicalResourceId ?? '').padEnd(34)} ${(event.ResourceStatus ?? '').padEnd(28)}${reason}`.trimEnd();
}

/**
 * The first resource that failed in the stack's latest operation and why ("Table (AWS::DynamoDB::Table):
 * reason"): the cause, where the events after it are consequences (cancelled siblings, the rollback).
 */
export async function firstFailure(
  cloudformation: CloudFormationClient,
  stackName: string,
  since?: Date,
): Promise<string | undefined> {
  const events = await recentEvents(cloudformation, stackName, since);
  const failed = events.find(
    (e) =>
      e.ResourceStatus?.endsWith('_FAILED') &&
      e.LogicalResourceId !== stackName &&
      !/cancelled|Resource creation cancelled/i.test(e.ResourceStatusReason ?? ''),
  );
  if (!failed) return undefined;
  return `${failed.LogicalResourceId} (${failed.ResourceType}): ${failed.ResourceStatusReason ?? 'no reason given'}`;
}
