import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';

type Answer = unknown | ((input: Record<string, unknown>) => unknown);

/**
 * A scripted CloudFormation client: each command name answers from its queue (the last answer repeats), and
 * every call is recorded. Only for what moto_server cannot express — stacks stuck in UPDATE_ROLLBACK_FAILED
 * or being updated by another deploy, change sets with Replacement, resource-level failure events — the
 * rest of the engine is exercised against moto by the rehearsal.
 */
export function fakeCloudFormation(script: Record<string, Answer[]>) {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    config: { region: async () => 'eu-west-1' },
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push({ command: name, input: command.input });
      const queue = script[name];
      if (!queue || queue.length === 0)
        throw new Error(`fake CloudFormation: no answer scripted for ${name}`);
      const answer = queue.length > 1 ? queue.shift() : queue[0];
      const value =
        typeof answer === 'function' ? (answer as (i: unknown) => unknown)(command.input) : answer;
      if (value instanceof Error) throw value;
      return value;
    },
  };
  return { client: client as unknown as CloudFormationClient, calls };
}

export const stack = (StackStatus: string, extra: Record<string, unknown> = {}) => ({
  Stacks: [{ StackName: 'blogapp-staging', StackId: 'arn:stack/blogapp-staging/1', StackStatus, ...extra }],
});

export const missingStack = () => new Error('Stack with id blogapp-staging does not exist');

let eventId = 0;
export const event = (LogicalResourceId: string, ResourceStatus: string, ResourceStatusReason?: string) => ({
  EventId: String(++eventId),
  LogicalResourceId,
  ResourceType:
    LogicalResourceId === 'blogapp-staging' ? 'AWS::CloudFormation::Stack' : 'AWS::Lambda::Function',
  ResourceStatus,
  ...(ResourceStatusReason ? { ResourceStatusReason } : {}),
  Timestamp: new Date(Date.now() + eventId),
});
