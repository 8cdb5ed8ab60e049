import { describe, expect, it } from 'vitest';
import { parseCloudFormationYaml, SHORT_FORM_FUNCTIONS } from '../../scripts/template/cfn-yaml.js';
import { loadTemplate } from '../../scripts/template/template.js';

describe('CloudFormation YAML', () => {
  it('reads every short-form tag in its scalar, list and map forms as the long form', () => {
    const parsed = parseCloudFormationYaml(`
      ref: !Ref Table
      getatt: !GetAtt Table.StreamArn
      getattList: !GetAtt [Table, Arn]
      sub: !Sub 'https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com'
      subList: !Sub ['\${A}', { A: !Ref B }]
      if: !If [IsProd, !Equals [a, b], !Not [!Condition IsDev]]
      logic: !And [!Or [!Condition A, !Condition B], !Condition C]
      list: !Select [0, !Split [',', !Join [',', [a, b]]]]
      map: !FindInMap [Settings, !Ref Environment, LogLevel]
      misc: [!ImportValue shared-vpc, !Base64 { 'Fn::Sub': x }, !GetAZs '', !Cidr [10.0.0.0/16, 4, 8]]
      extensions: [!Length [a, b], !ToJsonString { a: 1 }]
    `);
    expect(parsed).toEqual({
      ref: { Ref: 'Table' },
      getatt: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      getattList: { 'Fn::GetAtt': ['Table', 'Arn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's ${} syntax, not JavaScript's
      sub: { 'Fn::Sub': 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's ${} syntax, not JavaScript's
      subList: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] },
      if: {
        'Fn::If': ['IsProd', { 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ Condition: 'IsDev' }] }],
      },
      logic: { 'Fn::And': [{ 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }, { Condition: 'C' }] },
      list: { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::Join': [',', ['a', 'b']] }] }] },
      map: { 'Fn::FindInMap': ['Settings', { Ref: 'Environment' }, 'LogLevel'] },
      misc: [
        { 'Fn::ImportValue': 'shared-vpc' },
        { 'Fn::Base64': { 'Fn::Sub': 'x' } },
        { 'Fn::GetAZs': '' },
        { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      ],
      extensions: [{ 'Fn::Length': ['a', 'b'] }, { 'Fn::ToJsonString': { a: 1 } }],
    });
    expect(SHORT_FORM_FUNCTIONS).toHaveLength(19);
  });

  it('refuses tags CloudFormation does not know and broken YAML', () => {
    expect(() => parseCloudFormationYaml('a: !Reff Table')).toThrow(/Reff/);
    expect(() => parseCloudFormationYaml('a: [b')).toThrow();
  });

  it('parses the template, with its shared BuildProperties merged into every function', async () => {
    const template = await loadTemplate();
    expect(template.Transform).toEqual(['AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31']);
    const formats = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Serverless::Function')
      .map((resource) => (resource.Metadata?.BuildProperties as { Format?: string } | undefined)?.Format);
    expect(formats).toEqual(['esm', 'esm', 'esm', 'esm']);
  });
});

describe('outputs', () => {
  it('has every output the deploy CLI and the smoke suite read, by name', async () => {
    const template = await loadTemplate();
    expect(Object.keys(template.Outputs ?? {})).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'WebSocketURL',
        'BroadcastApiUrl',
        'WebSocketManagementEndpoint',
        'TableName',
        'ConnectionsTableName',
        'UploadsBucketName',
        'DashboardURL',
        'AlarmTopicArn',
        'ApiFunctionName',
        'WebSocketFunctionName',
        'CommentStreamFunctionName',
        'BroadcastFunctionName',
      ]),
    );
  });
});
