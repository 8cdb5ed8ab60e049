import { describe, expect, it } from 'vitest';
import { renameResource } from '../../scripts/rehearsal/rename-resource.js';
import { standIn } from '../../scripts/rehearsal/stand-ins.js';

/** The rehearsal's template rewriting for moto: what it stands in for, and how references follow. */
describe('stand-ins for what moto cannot create', () => {
  const template = {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'r' } },
      FnAliaslive: {
        Type: 'AWS::Lambda::Alias',
        Properties: { FunctionName: { Ref: 'Fn' }, Name: 'live' },
        UpdatePolicy: { CodeDeployLambdaAliasUpdate: {} },
      },
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'x' } },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { FunctionName: { Ref: 'FnAliaslive' } },
        DependsOn: ['Api'],
      },
      Logs: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { Tags: [{ Key: 'api', Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } }] },
      },
    },
    Outputs: { Url: { Value: { 'Fn::Sub': `https://\${Api}.example/\${Api.ApiEndpoint}/\${Fn.Arn}` } } },
  };
  const supported = new Set([
    'AWS::Lambda::Function',
    'AWS::Lambda::EventSourceMapping',
    'AWS::Logs::LogGroup',
  ]);

  it('replaces each unsupported resource with a named SSM parameter saying what it stands for', () => {
    const { template: out, stoodIn } = standIn(template, supported);
    expect(stoodIn).toEqual([
      { logicalId: 'FnAliaslive', type: 'AWS::Lambda::Alias' },
      { logicalId: 'Api', type: 'AWS::ApiGatewayV2::Api' },
    ]);
    expect(out.Resources.Api).toEqual({
      Type: 'AWS::SSM::Parameter',
      Properties: {
        Name: { 'Fn::Sub': `/rehearsal/\${AWS::StackName}/Api` },
        Type: 'String',
        Value: 'stand-in for AWS::ApiGatewayV2::Api',
      },
    });
    expect(out.Resources.FnAliaslive).not.toHaveProperty('UpdatePolicy');
    expect(out.Resources.Fn).toEqual(template.Resources.Fn);
  });

  it('points a Ref to a stood-in alias at its function, and GetAtt on a stand-in at a marked string', () => {
    const { template: out } = standIn(template, supported) as unknown as {
      template: {
        Resources: Record<string, { Properties?: unknown; DependsOn?: unknown }>;
        Outputs: unknown;
      };
    };
    expect(out.Resources.Mapping?.Properties).toEqual({ FunctionName: { Ref: 'Fn' } });
    expect(out.Resources.Mapping?.DependsOn).toEqual(['Api']);
    expect(out.Resources.Logs?.Properties).toEqual({
      Tags: [{ Key: 'api', Value: 'stand-in:Api.ApiEndpoint' }],
    });
    expect(out.Outputs).toEqual({
      Url: { Value: { 'Fn::Sub': `https://\${Api}.example/stand-in:Api.ApiEndpoint/\${Fn.Arn}` } },
    });
  });
});

describe('renaming a resource, as the rehearsal does to the table', () => {
  it('renames it everywhere it is named, so CloudFormation sees one resource deleted and another added', () => {
    const renamed = renameResource(
      {
        Resources: {
          Table: { Type: 'AWS::DynamoDB::Table' },
          Fn: {
            Type: 'AWS::Serverless::Function',
            DependsOn: 'Table',
            Properties: {
              Env: { Ref: 'Table' },
              Stream: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
              Index: { 'Fn::Sub': `\${Table.Arn}/index/* \${Table} \${TableName}` },
            },
          },
        },
      },
      'Table',
      'PostsTable',
    );
    expect(Object.keys(renamed.Resources).sort()).toEqual(['Fn', 'PostsTable']);
    expect(renamed.Resources.Fn?.DependsOn).toEqual(['PostsTable']);
    expect(renamed.Resources.Fn?.Properties).toEqual({
      Env: { Ref: 'PostsTable' },
      Stream: { 'Fn::GetAtt': ['PostsTable', 'StreamArn'] },
      Index: { 'Fn::Sub': `\${PostsTable.Arn}/index/* \${PostsTable} \${TableName}` },
    });
  });
});
