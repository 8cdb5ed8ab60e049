import { describe, expect, it } from 'vitest';
import { changeTable, createChangeSet } from '../../src/deploy/engines/cloudformation/change-set.js';
import { CloudFormationEngine } from '../../src/deploy/engines/cloudformation/engine.js';
import { checkStackState } from '../../src/deploy/engines/cloudformation/stack-state.js';
import { refuseDataLoss } from '../../src/deploy/engines/cloudformation/stateful.js';
import type { PlannedChange } from '../../src/deploy/engines/engine.js';
import { DeployError } from '../../src/deploy/errors.js';
import { Progress } from '../../src/deploy/progress.js';
import type { Target } from '../../src/deploy/target.js';
import { event, fakeCloudFormation, missingStack, stack } from './support/fake-cloudformation.js';

const quietProgress = () => {
  const lines: string[] = [];
  return { lines, progress: new Progress((line) => lines.push(line), 1) };
};
const options = { recover: false, environment: 'staging', wait: { intervalMs: 1 } };

async function refusal(work: Promise<unknown>): Promise<DeployError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeployError);
  return error as DeployError;
}

describe('stuck stacks, detected before anything is built', () => {
  it('refuses a stack another deploy is updating, even with --recover, and says to wait', async () => {
    const { client, calls } = fakeCloudFormation({ DescribeStacks: [stack('UPDATE_IN_PROGRESS')] });
    const { progress } = quietProgress();
    for (const recover of [false, true]) {
      const error = await refusal(
        checkStackState(client, 'blogapp-staging', { ...options, recover }, progress),
      );
      expect(error.message).toContain('UPDATE_IN_PROGRESS: another deploy is changing it');
      expect(error.whatNext).toContain('Wait for it to finish');
    }
    expect(calls.map((c) => c.command)).toEqual(['DescribeStacks', 'DescribeStacks']);
  });

  it('refuses UPDATE_ROLLBACK_FAILED naming what blocks the rollback, and continues it with --recover', async () => {
    const resources = {
      StackResources: [
        { LogicalResourceId: 'ApiFunction', ResourceStatus: 'UPDATE_FAILED' },
        { LogicalResourceId: 'Table', ResourceStatus: 'UPDATE_COMPLETE' },
        { LogicalResourceId: 'ApiFunctionAliaslive', ResourceStatus: 'UPDATE_FAILED' },
      ],
    };
    const refused = fakeCloudFormation({
      DescribeStacks: [stack('UPDATE_ROLLBACK_FAILED')],
      DescribeStackResources: [resources],
    });
    const error = await refusal(
      checkStackState(refused.client, 'blogapp-staging', options, quietProgress().progress),
    );
    expect(error.message).toContain('stopped at ApiFunction, ApiFunctionAliaslive');
    expect(error.whatNext).toContain('npm run deploy -- --env staging --recover');
    expect(refused.calls.map((c) => c.command)).not.toContain('ContinueUpdateRollback');

    const recovered = fakeCloudFormation({
      DescribeStacks: [
        stack('UPDATE_ROLLBACK_FAILED'),
        stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'),
        stack('UPDATE_ROLLBACK_COMPLETE'),
      ],
      DescribeStackResources: [resources],
      ContinueUpdateRollback: [{}],
      DescribeStackEvents: [{ StackEvents: [event('blogapp-staging', 'UPDATE_ROLLBACK_COMPLETE')] }],
    });
    const { lines, progress } = quietProgress();
    await checkStackState(recovered.client, 'blogapp-staging', { ...options, recover: true }, progress);
    const continued = recovered.calls.find((c) => c.command === 'ContinueUpdateRollback');
    expect(continued?.input).toEqual({
      StackName: 'blogapp-staging',
      ResourcesToSkip: ['ApiFunction', 'ApiFunctionAliaslive'],
    });
    expect(lines.join('\n')).toContain('skipping ApiFunction, ApiFunctionAliaslive (--recover)');
    expect(lines.join('\n')).toContain(
      'UPDATE_ROLLBACK_COMPLETE; skipped: ApiFunction, ApiFunctionAliaslive',
    );
  });

  it('refuses a failed first create with its first failure, and deletes the empty stack with --recover', async () => {
    const events = {
      StackEvents: [
        event('blogapp-staging', 'ROLLBACK_COMPLETE'),
        event('Table', 'CREATE_FAILED', 'Resource creation cancelled'),
        event('ApiFunctionLogs', 'CREATE_FAILED', '/aws/lambda/blogapp-staging-api already exists'),
      ],
    };
    const refused = fakeCloudFormation({
      DescribeStacks: [stack('ROLLBACK_COMPLETE')],
      DescribeStackEvents: [events],
    });
    const error = await refusal(
      checkStackState(refused.client, 'blogapp-staging', options, quietProgress().progress),
    );
    expect(error.message).toContain(
      'it failed at ApiFunctionLogs (AWS::Lambda::Function): /aws/lambda/blogapp-staging-api already exists',
    );

    const recovered = fakeCloudFormation({
      DescribeStacks: [stack('ROLLBACK_COMPLETE'), stack('DELETE_IN_PROGRESS'), missingStack()],
      DescribeStackEvents: [events],
      DeleteStack: [{}],
    });
    await checkStackState(
      recovered.client,
      'blogapp-staging',
      { ...options, recover: true },
      quietProgress().progress,
    );
    expect(recovered.calls.find((c) => c.command === 'DeleteStack')?.input).toEqual({
      StackName: 'arn:stack/blogapp-staging/1',
    });
  });
});

describe('change sets', () => {
  const request = {
    stackName: 'blogapp-staging',
    type: 'UPDATE' as const,
    template: { TemplateBody: '{}' },
    parameters: { Environment: 'staging' },
    tags: { project: 'blogapp' },
  };

  it('waits for the change set, reads every page of changes, and asks for IAM and AUTO_EXPAND', async () => {
    const { client, calls } = fakeCloudFormation({
      CreateChangeSet: [{ Id: 'arn:changeSet/blogapp-1/x' }],
      DescribeChangeSet: [
        { Status: 'CREATE_PENDING' },
        {
          Status: 'CREATE_COMPLETE',
          NextToken: 'page-2',
          Changes: [
            {
              ResourceChange: {
                Action: 'Modify',
                LogicalResourceId: 'ApiFunction',
                ResourceType: 'AWS::Lambda::Function',
                Replacement: 'False',
              },
            },
          ],
        },
        {
          Status: 'CREATE_COMPLETE',
          Changes: [
            {
              ResourceChange: {
                Action: 'Add',
                LogicalResourceId: 'NewQueue',
                ResourceType: 'AWS::SQS::Queue',
              },
            },
          ],
        },
      ],
    });
    const changeSet = await createChangeSet(client, request, { intervalMs: 1 });
    expect(changeSet.changes).toEqual([
      { action: 'Modify', logicalId: 'ApiFunction', type: 'AWS::Lambda::Function', replacement: 'False' },
      { action: 'Add', logicalId: 'NewQueue', type: 'AWS::SQS::Queue', replacement: '' },
    ]);
    const created = calls[0]?.input;
    expect(created?.Capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND']);
    expect(created?.Parameters).toEqual([{ ParameterKey: 'Environment', ParameterValue: 'staging' }]);
    expect(calls.at(-1)?.input).toEqual({ ChangeSetName: 'arn:changeSet/blogapp-1/x', NextToken: 'page-2' });
  });

  it('reads "no changes" as an empty plan, and any other failure as the reason', async () => {
    const empty = fakeCloudFormation({
      CreateChangeSet: [{ Id: 'cs' }],
      DescribeChangeSet: [
        { Status: 'FAILED', StatusReason: "The submitted information didn't contain changes." },
      ],
    });
    expect(await createChangeSet(empty.client, request, { intervalMs: 1 })).toEqual({
      id: 'cs',
      empty: true,
      changes: [],
    });
    const broken = fakeCloudFormation({
      CreateChangeSet: [{ Id: 'cs' }],
      DescribeChangeSet: [
        { Status: 'FAILED', StatusReason: 'Template format error: Unresolved resource dependencies [Nope]' },
      ],
    });
    await expect(createChangeSet(broken.client, request, { intervalMs: 1 })).rejects.toThrow(
      /Unresolved resource dependencies \[Nope\]/,
    );
  });

  it('prints the changes as a table: action, logical id, type, replacement', () => {
    expect(
      changeTable([
        { action: 'Modify', logicalId: 'Table', type: 'AWS::DynamoDB::Table', replacement: 'True' },
      ]),
    ).toEqual([
      'Action  Logical id  Type                  Replacement',
      '------  ----------  --------------------  -----------',
      'Modify  Table       AWS::DynamoDB::Table  True',
    ]);
  });
});

describe('the data-loss guard', () => {
  const change = (action: string, logicalId: string, type: string, replacement = ''): PlannedChange => ({
    action,
    logicalId,
    type,
    replacement,
  });

  it('stops a replaced table, a deleted bucket and a maybe-replaced secret, saying what each would lose', () => {
    const changes = [
      change('Modify', 'Table', 'AWS::DynamoDB::Table', 'True'),
      change('Remove', 'UploadsBucket', 'AWS::S3::Bucket'),
      change('Modify', 'CursorSecret', 'AWS::SecretsManager::Secret', 'Conditional'),
      change('Modify', 'ApiFunction', 'AWS::Lambda::Function', 'True'),
    ];
    let error: DeployError | undefined;
    try {
      refuseDataLoss(changes, [], 'blogapp-staging');
    } catch (e) {
      error = e as DeployError;
    }
    expect(error?.message).toContain(
      'Table (AWS::DynamoDB::Table) would be replaced: lost would be every item',
    );
    expect(error?.message).toContain(
      'UploadsBucket (AWS::S3::Bucket) would be deleted: lost would be every object',
    );
    expect(error?.message).toContain('CursorSecret (AWS::SecretsManager::Secret) would be maybe replaced');
    expect(error?.message).not.toContain('ApiFunction');
    expect(error?.whatNext).toContain(
      '--allow-replacement Table --allow-replacement UploadsBucket --allow-replacement CursorSecret',
    );
  });

  it('lets through exactly what --allow-replacement names, and in-place changes of stateful resources', () => {
    expect(() =>
      refuseDataLoss([change('Modify', 'Table', 'AWS::DynamoDB::Table', 'True')], ['Table'], 's'),
    ).not.toThrow();
    expect(() =>
      refuseDataLoss([change('Modify', 'Table', 'AWS::DynamoDB::Table', 'False')], [], 's'),
    ).not.toThrow();
    expect(() =>
      refuseDataLoss(
        [
          change('Modify', 'Table', 'AWS::DynamoDB::Table', 'True'),
          change('Remove', 'UploadsBucket', 'AWS::S3::Bucket'),
        ],
        ['Table'],
        's',
      ),
    ).toThrow(/UploadsBucket/);
  });

  it('refuses an --allow-replacement name the change set does not replace or delete, a typo above all', () => {
    const replaced = [change('Modify', 'Table', 'AWS::DynamoDB::Table', 'True')];
    expect(() => refuseDataLoss(replaced, ['Tabel', 'Table'], 's')).toThrow(
      /--allow-replacement Tabel: not among what this change set replaces or deletes \(Table\)/,
    );
    expect(() => refuseDataLoss([], ['Table'], 's')).toThrow(/no table, bucket, secret or user pool/);
  });
});

describe('executing a change set', () => {
  const target: Target = {
    environment: 'staging',
    stackName: 'blogapp-staging',
    region: 'eu-west-1',
    parameters: {},
    tags: {},
  };
  const executing = (client: unknown) =>
    new CloudFormationEngine({
      target,
      template: { Resources: {} },
      parameters: {},
      allowReplacement: [],
      recover: false,
      clients: { cloudformation: client } as never,
      wait: { intervalMs: 1 },
    });

  it('streams events as progress lines and, on failure, names the first failed resource and its reason', async () => {
    const events = [
      event('blogapp-staging', 'UPDATE_IN_PROGRESS', 'User Initiated'),
      event(
        'ApiFunction',
        'UPDATE_FAILED',
        'Resource handler returned message: "Uploaded file must be a non-empty zip"',
      ),
      event('Table', 'UPDATE_FAILED', 'Resource update cancelled'),
      event('blogapp-staging', 'UPDATE_ROLLBACK_COMPLETE'),
    ];
    const { client, calls } = fakeCloudFormation({
      ExecuteChangeSet: [{}],
      DescribeStacks: [
        stack('UPDATE_IN_PROGRESS'),
        stack('UPDATE_ROLLBACK_IN_PROGRESS'),
        stack('UPDATE_ROLLBACK_COMPLETE'),
      ],
      DescribeStackEvents: [
        { StackEvents: events.slice(0, 2).reverse() },
        { StackEvents: [...events].reverse() },
      ],
    });
    const engine = executing(client);
    const { lines, progress } = quietProgress();
    const error = await refusal(
      engine.apply({ empty: false, changes: [], changeSetId: 'arn:cs', creates: false } as never, progress),
    );
    expect(calls[0]).toEqual({ command: 'ExecuteChangeSet', input: { ChangeSetName: 'arn:cs' } });
    expect(error.message).toBe(
      'blogapp-staging ended UPDATE_ROLLBACK_COMPLETE; the first failure: ApiFunction (AWS::Lambda::Function): Resource handler returned message: "Uploaded file must be a non-empty zip".',
    );
    expect(error.whatNext).toContain('CloudFormation rolled the stack back');
    const eventLines = lines.filter((line) => /UPDATE_/.test(line));
    expect(eventLines).toHaveLength(4);
    expect(eventLines[1]).toMatch(/ApiFunction\s+UPDATE_FAILED\s+Resource handler returned message/);
  });
  it('says to deploy the environment’s deploy-role stack when a role’s permissions boundary is missing', async () => {
    // IAM's refusal names the boundary's ARN; moto creates the role anyway, hence the scripted client.
    const events = [
      event('blogapp-staging', 'UPDATE_IN_PROGRESS', 'User Initiated'),
      event(
        'ApiFunctionRole',
        'UPDATE_FAILED',
        'Resource handler returned message: "Scope ARN: arn:aws:iam::123456789012:policy/blogapp-staging-boundary does not exist or is not attachable."',
      ),
      event('blogapp-staging', 'UPDATE_ROLLBACK_COMPLETE'),
    ];
    const { client } = fakeCloudFormation({
      ExecuteChangeSet: [{}],
      DescribeStacks: [stack('UPDATE_ROLLBACK_COMPLETE')],
      DescribeStackEvents: [{ StackEvents: [...events].reverse() }],
    });
    const engine = executing(client);
    const error = await refusal(
      engine.apply(
        { empty: false, changes: [], changeSetId: 'arn:cs', creates: false } as never,
        quietProgress().progress,
      ),
    );
    expect(error.whatNext).toContain('deploy stack blogapp-deploy-role-staging');
    expect(error.whatNext).toContain('infrastructure/aws-sam/deploy-role.yaml');
  });
});
