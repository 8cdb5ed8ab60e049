import type { Scenario } from '../support/fake-cli/fake-cli-env.js';

export const FUNCTIONS = ['api', 'websocket', 'comment-stream', 'broadcast'] as const;
const OUTPUT_OF = {
  api: 'ApiFunctionName',
  websocket: 'WebSocketFunctionName',
  'comment-stream': 'CommentStreamFunctionName',
  broadcast: 'BroadcastFunctionName',
} as const;

export interface DeployScenarioOptions {
  environment?: 'development' | 'staging' | 'production';
  apiUrl?: string;
  wsUrl?: string;
  /** Each function's `live` version before the deploy; absent: the stack does not exist yet. */
  liveBefore?: Record<(typeof FUNCTIONS)[number], string>;
  branch?: string;
  /** `git status --porcelain` output. */
  changes?: string;
}

export const functionName = (environment: string, name: string) => `blogapp-${environment}-${name}`;

/** The real CLIs' answers for one environment (what `status` and `logs` ask), as the fakes give them back. */
export function deployScenario({
  environment = 'staging',
  apiUrl = 'https://abc123.execute-api.eu-west-1.amazonaws.com',
  wsUrl = 'wss://ws123.execute-api.eu-west-1.amazonaws.com/staging',
  liveBefore,
  branch = 'production',
  changes = '',
}: DeployScenarioOptions = {}): Scenario {
  const stackName = `blogapp-${environment}`;
  const stack = {
    Stacks: [
      {
        StackName: stackName,
        StackStatus: 'UPDATE_COMPLETE',
        Outputs: [
          { OutputKey: 'ApiUrl', OutputValue: apiUrl },
          { OutputKey: 'WebSocketURL', OutputValue: wsUrl },
          { OutputKey: 'DashboardURL', OutputValue: 'https://console.aws.amazon.com/cloudwatch/dash' },
          { OutputKey: 'TableName', OutputValue: `${stackName}-Table-1ABC` },
          ...FUNCTIONS.map((name) => ({
            OutputKey: OUTPUT_OF[name],
            OutputValue: functionName(environment, name),
          })),
        ],
      },
    ],
  };
  const missing = {
    code: 254,
    stderr: `\nAn error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id ${stackName} does not exist\n`,
  };
  return {
    sam: [{ match: ['logs'], responses: [{ stdout: '2025/01/01 api INFO request\n' }] }],
    aws: [
      {
        match: ['--version'],
        responses: [{ stdout: 'aws-cli/2.27.0 Python/3.13.3 Linux/6.8 exe/x86_64\n' }],
      },
      {
        match: ['sts', 'get-caller-identity'],
        responses: [
          {
            stdout: {
              UserId: 'AIDAEXAMPLE',
              Account: '123456789012',
              Arn: 'arn:aws:iam::123456789012:user/deployer',
            },
          },
        ],
      },
      {
        match: ['cloudformation', 'describe-stacks'],
        responses: liveBefore ? [{ stdout: stack }] : [missing, { stdout: stack }],
      },
      ...FUNCTIONS.map((name) => ({
        match: ['lambda', 'get-alias', functionName(environment, name)],
        responses: [
          {
            stdout: {
              Name: 'live',
              FunctionVersion: liveBefore?.[name] ?? '1',
              AliasArn: `arn:…:${name}:live`,
            },
          },
        ],
      })),
      {
        match: ['lambda', 'update-alias'],
        responses: [{ stdout: { Name: 'live', FunctionVersion: 'recorded' } }],
      },
      {
        match: ['lambda', 'get-function-configuration'],
        responses: [
          { stdout: { LoggingConfig: { LogFormat: 'JSON', LogGroup: `/aws/lambda/${stackName}-api` } } },
        ],
      },
      {
        match: ['cloudwatch', 'describe-alarms'],
        responses: [
          {
            stdout: {
              MetricAlarms: [
                { AlarmName: `${stackName}-function-errors`, StateValue: 'OK', StateReason: 'fine' },
                {
                  AlarmName: `${stackName}-api-5xx`,
                  StateValue: 'ALARM',
                  StateReason: 'Threshold crossed: 12 > 5',
                },
              ],
              CompositeAlarms: [],
            },
          },
        ],
      },
      { match: ['logs', 'tail'], responses: [{ stdout: '2025-01-01T00:00:00 api INFO request\n' }] },
    ],
    git: [
      { match: ['status', '--porcelain'], responses: [{ stdout: changes }] },
      { match: ['rev-parse', '--abbrev-ref', 'HEAD'], responses: [{ stdout: `${branch}\n` }] },
      { match: ['describe'], responses: [{ stdout: '30dc60b1a2b3\n' }] },
    ],
  };
}
