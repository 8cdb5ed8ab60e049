import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, type Template } from '../../scripts/template/template.js';
import { CloudFormationSpec } from './support/cfn-spec.js';
import { describeErrors, SamSchema } from './support/sam-schema.js';

/** Every resource against AWS's own specifications: the SAM schema and the CloudFormation resource spec. */
let template: Template;
let sam: SamSchema;
let spec: CloudFormationSpec;

beforeAll(async () => {
  [template, spec] = await Promise.all([loadTemplate(), CloudFormationSpec.load()]);
  sam = new SamSchema();
});

const serverless = () =>
  Object.entries(template.Resources).filter(([, r]) => r.Type.startsWith('AWS::Serverless::'));
const cloudFormation = () =>
  Object.entries(template.Resources).filter(([, r]) => !r.Type.startsWith('AWS::Serverless::'));

describe('AWS::Serverless::* resources against sam.schema.json', () => {
  it('uses only resource types the SAM schema defines', () => {
    const known = new Set(sam.resourceTypes());
    expect(
      serverless()
        .map(([, r]) => r.Type)
        .filter((type) => !known.has(type)),
    ).toEqual([]);
  });

  it('validates every serverless resource', () => {
    const problems = serverless().flatMap(([logicalId, resource]) => {
      const validate = sam.resourceValidator(resource.Type);
      return validate(resource) ? [] : describeErrors(validate).map((error) => `${logicalId}${error}`);
    });
    expect(problems).toEqual([]);
  });

  it('validates Globals', () => {
    const validate = sam.globalsValidator();
    expect(validate(template.Globals) ? [] : describeErrors(validate)).toEqual([]);
  });

  it('rejects what SAM would reject, so a pass means something', () => {
    const websocket = sam.resourceValidator('AWS::Serverless::WebSocketApi');
    expect(websocket({ Type: 'AWS::Serverless::WebSocketApi', Properties: { Routes: {} } })).toBe(false);
    const fn = sam.resourceValidator('AWS::Serverless::Function');
    expect(fn({ Type: 'AWS::Serverless::Function', Properties: { Tracing: 'Sometimes' } })).toBe(false);
    expect(fn({ Type: 'AWS::Serverless::Function', Properties: { Runtimes: 'nodejs22.x' } })).toBe(false);
  });
});

describe('every other AWS::* resource against the CloudFormation resource specification', () => {
  it('has known types, known property names, required properties and well-shaped values', () => {
    const problems = cloudFormation().flatMap(([logicalId, resource]) =>
      spec.check(resource.Type, resource.Properties).map((problem) => `${logicalId}.${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('catches a misspelled property, a missing required one, a wrong shape and an unknown type', () => {
    expect(spec.check('AWS::SQS::Queue', { MessageRetentionPeriods: 60 })).toEqual([
      'Properties.MessageRetentionPeriods: no such property',
    ]);
    expect(spec.check('AWS::Logs::LogGroup', { RetentionInDays: 'a week' })).toEqual([
      'Properties.RetentionInDays: expected a number',
    ]);
    expect(spec.check('AWS::SNS::Subscription', { TopicArn: { Ref: 'Topic' } })).toEqual([
      'Properties.Protocol: required',
    ]);
    expect(
      spec.check('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { 'Fn::If': ['C', { Enabled: true }, { Ref: 'AWS::NoValue' }] },
      }),
    ).toEqual(['Properties.PointInTimeRecoverySpecification(If branch 1).Enabled: no such property']);
    expect(spec.check('AWS::SQS::Queues', {})).toEqual([
      'AWS::SQS::Queues is not a CloudFormation resource type',
    ]);
  });
});
