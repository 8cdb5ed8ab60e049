import { describe, expect, it } from 'vitest';
import { loadTemplate, resourcesOfType } from '../../scripts/template/template.js';
import { evaluateCondition, resolve, scenario } from './support/intrinsics.js';

/** What changes with Environment, evaluated the way CloudFormation evaluates the Conditions. */
const template = await loadTemplate();
const inEnvironment = (Environment: string) =>
  scenario(template, {
    Environment,
    AllowedOrigins: 'https://blog.example.com',
    AuthProvider: 'firebase',
    FirebaseProjectId: 'p',
  });
const production = inEnvironment('production');
const development = inEnvironment('development');

describe('production versus development', () => {
  it('evaluates IsProduction only for production', () => {
    expect(evaluateCondition(template, 'IsProduction', production)).toBe(true);
    expect(evaluateCondition(template, 'IsProduction', development)).toBe(false);
    expect(evaluateCondition(template, 'IsProduction', inEnvironment('staging'))).toBe(false);
  });

  it('turns on point-in-time recovery and deletion protection of the main table in production only', () => {
    const table = template.Resources.Table?.Properties;
    expect(resolve(template, table?.PointInTimeRecoverySpecification, production)).toEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(resolve(template, table?.PointInTimeRecoverySpecification, development)).toEqual({
      PointInTimeRecoveryEnabled: false,
    });
    expect(resolve(template, table?.DeletionProtectionEnabled, production)).toBe(true);
  });

  it.each(['Table', 'UploadsBucket'])(
    'retains %s on delete and replacement in production only',
    (logicalId) => {
      const resource = template.Resources[logicalId];
      for (const policy of [resource?.DeletionPolicy, resource?.UpdateReplacePolicy]) {
        expect(resolve(template, policy, production)).toBe('Retain');
        expect(resolve(template, policy, development)).toBe('Delete');
      }
    },
  );

  it('deploys every function as a canary watched by alarms in production, all at once elsewhere', () => {
    const preference = template.Globals?.Function?.DeploymentPreference;
    // CodeDeploy acts through the stack's own role, which carries the permissions boundary (deploy-role.yaml).
    const role = expect.stringContaining('-CodeDeployRole-');
    expect(resolve(template, preference, production)).toEqual({
      Type: 'Canary10Percent5Minutes',
      Role: role,
      Alarms: [
        expect.stringContaining('FunctionErrorsAlarm'),
        expect.stringContaining('FunctionDurationAlarm'),
      ],
    });
    expect(resolve(template, preference, development)).toEqual({ Type: 'AllAtOnce', Role: role, Alarms: [] });
    const own = resourcesOfType(template, 'AWS::Serverless::Function').filter(
      ([, fn]) => fn.Properties?.DeploymentPreference !== undefined,
    );
    expect(own).toEqual([]);
    expect(template.Globals?.Function?.AutoPublishAlias).toBe('live');
  });

  it('rolls back on what the new version does: its own invocations through live, not the APIs before it', () => {
    for (const alarm of ['FunctionErrorsAlarm', 'FunctionDurationAlarm']) {
      const text = JSON.stringify(template.Resources[alarm]?.Properties);
      expect(text, alarm).toContain('ExecutedVersion');
      expect(text, alarm).toMatch(/Function\.Version/);
      expect(text, alarm).not.toMatch(/HttpApi|WebSocketApi/);
    }
  });

  it('rolls back on alarms that exist in the template', () => {
    const preference = template.Globals?.Function?.DeploymentPreference as
      | { Alarms: { 'Fn::If': [string, { Ref: string }[], unknown] } }
      | undefined;
    const alarms = preference?.Alarms['Fn::If'][1] ?? [];
    expect(alarms.length).toBeGreaterThan(0);
    for (const { Ref } of alarms) expect(template.Resources[Ref]?.Type).toBe('AWS::CloudWatch::Alarm');
  });
});

describe('operability', () => {
  it('gives every log group a retention', () => {
    const groups = resourcesOfType(template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(6);
    expect(groups.filter(([, group]) => group.Properties?.RetentionInDays === undefined)).toEqual([]);
  });

  it('sends every function’s logs and both APIs’ access logs to a log group of the stack', () => {
    const groupOf = (value: unknown) =>
      JSON.stringify(value).match(/"(?:Ref|Fn::GetAtt)":\[?"(\w+)/)?.[1] ?? '';
    const targets = [
      ...resourcesOfType(template, 'AWS::Serverless::Function').map(([, fn]) => fn.Properties?.LoggingConfig),
      ...resourcesOfType(template, 'AWS::Serverless::HttpApi').map(
        ([, api]) => api.Properties?.AccessLogSettings,
      ),
      ...resourcesOfType(template, 'AWS::Serverless::WebSocketApi').map(
        ([, api]) => api.Properties?.AccessLogSettings,
      ),
    ];
    for (const target of targets)
      expect(template.Resources[groupOf(target)]?.Type).toBe('AWS::Logs::LogGroup');
  });

  it('notifies the alarm topic from every alarm', () => {
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [, alarm] of alarms) expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
  });
});
