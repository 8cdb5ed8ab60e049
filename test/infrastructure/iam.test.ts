import { describe, expect, it } from 'vitest';
import { isObject, loadTemplate } from '../../scripts/template/template.js';
import { allowStatements, list } from './support/iam-statements.js';

/**
 * Least privilege, checked on every Allow statement the template writes (function Policies and any IAM
 * resource). SAM adds managed policies of its own (basic execution for logs, X-Ray write for Tracing, the
 * stream read for the DynamoDB event); those are AWS's and not in this file.
 */
const template = await loadTemplate();

/**
 * Actions AWS offers no resource scoping for, with the reason. The template writes none of them today
 * (Tracing: Active makes SAM attach X-Ray's write policy); should one be added, it must be listed here.
 */
const RESOURCE_WILDCARD_ALLOWED: Record<string, string> = {
  'xray:PutTraceSegments': 'X-Ray has no resource-level permissions; AWS documents Resource "*".',
  'xray:PutTelemetryRecords': 'X-Ray has no resource-level permissions; AWS documents Resource "*".',
};

describe('IAM', () => {
  const statements = allowStatements(template);

  it('finds the functions’ statements (the check is not empty)', () => {
    expect(new Set(statements.map((statement) => statement.owner))).toEqual(
      new Set(['ApiFunction', 'WebSocketFunction', 'CommentStreamFunction', 'BroadcastFunction']),
    );
  });

  it('gives functions inline statements only: no managed policies or broad SAM policy templates', () => {
    const named = Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Serverless::Function')
      .flatMap(([logicalId, resource]) =>
        list(resource.Properties?.Policies)
          .filter((policy) => !isObject(policy) || !('Statement' in policy))
          .map((policy) => `${logicalId}: ${JSON.stringify(policy)}`),
      );
    expect(named).toEqual([]);
  });

  it('never allows every action, or every action of a service', () => {
    const wildcards = statements.flatMap((statement) =>
      list(statement.Action)
        .filter((action) => typeof action === 'string' && (action === '*' || action.endsWith(':*')))
        .map((action) => `${statement.owner}: ${action}`),
    );
    expect(wildcards).toEqual([]);
  });

  it('never allows Resource "*" except for actions AWS cannot scope (each with its reason)', () => {
    const unscoped = statements
      .filter((statement) => list(statement.Resource).includes('*'))
      .flatMap((statement) =>
        list(statement.Action)
          .filter((action) => !RESOURCE_WILDCARD_ALLOWED[String(action)])
          .map((action) => `${statement.owner}: ${String(action)} on *`),
      );
    expect(unscoped).toEqual([]);
  });

  it('gives the API function no access to the connections table, and the WebSocket one no S3', () => {
    const of = (owner: string) => JSON.stringify(statements.filter((statement) => statement.owner === owner));
    expect(of('ApiFunction')).not.toContain('ConnectionsTable');
    expect(of('WebSocketFunction')).not.toContain('s3:');
    expect(of('BroadcastFunction')).not.toContain('sqs:');
  });
});
