import { describe, expect, it } from 'vitest';
import {
  destructiveChanges,
  formatChangeTable,
  type PlanJson,
  planChanges,
} from '../../src/deploy/terraform/plan-changes.js';

// The shape `terraform show -json` gives (format 1.2), trimmed to what the deploy reads; the end-to-end
// runs against moto (terraform-deploy-moto.test.ts) read real plans.
const plan: PlanJson = {
  resource_changes: [
    {
      address: 'module.stack.module.data.aws_dynamodb_table.main',
      type: 'aws_dynamodb_table',
      change: { actions: ['delete', 'create'] },
    },
    {
      address: 'module.stack.module.uploads.aws_s3_bucket.uploads',
      type: 'aws_s3_bucket',
      change: { actions: ['delete'] },
    },
    {
      address: 'module.stack.module.data.aws_secretsmanager_secret.cursor',
      type: 'aws_secretsmanager_secret',
      change: { actions: ['update'] },
    },
    {
      address: 'module.stack.module.api.aws_apigatewayv2_route.this["GET /docs"]',
      type: 'aws_apigatewayv2_route',
      change: { actions: ['create', 'delete'] },
    },
    {
      address: 'module.stack.module.api.module.function.aws_lambda_function.this',
      type: 'aws_lambda_function',
      change: { actions: ['no-op'] },
    },
    {
      address: 'module.stack.module.data.data.aws_secretsmanager_random_password.cursor',
      type: 'aws_secretsmanager_random_password',
      change: { actions: ['read'] },
    },
    {
      address: 'module.stack.module.observability.aws_sns_topic.alarms',
      type: 'aws_sns_topic',
      change: { actions: ['create'] },
    },
  ],
};

describe('plan changes', () => {
  it('reads create, update, replace (either order) and delete, and leaves out no-ops and reads', () => {
    expect(planChanges(plan).map(({ action }) => action)).toEqual([
      'replace',
      'delete',
      'update',
      'replace',
      'create',
    ]);
  });

  it('flags replacing or deleting a table, bucket or secret, not updating one nor replacing a route', () => {
    expect(destructiveChanges(planChanges(plan)).map(({ address }) => address)).toEqual([
      'module.stack.module.data.aws_dynamodb_table.main',
      'module.stack.module.uploads.aws_s3_bucket.uploads',
    ]);
  });

  it('flags replacing or deleting the user pool, as the CloudFormation guard does: its accounts are data', () => {
    const pool = {
      address: 'module.stack.module.identity.aws_cognito_user_pool.this[0]',
      type: 'aws_cognito_user_pool',
    };
    const changes = planChanges({
      resource_changes: [
        { ...pool, change: { actions: ['create', 'delete'] } },
        { ...pool, address: `${pool.address.slice(0, -3)}[1]`, change: { actions: ['delete'] } },
        {
          address: 'module.stack.module.identity.aws_cognito_user_pool_client.web[0]',
          type: 'aws_cognito_user_pool_client',
          change: { actions: ['delete', 'create'] },
        },
      ],
    });
    expect(destructiveChanges(changes).map(({ action }) => action)).toEqual(['replace', 'delete']);
  });

  it('formats one aligned row per change and the counts', () => {
    const lines = formatChangeTable(planChanges(plan));
    expect(lines[0]).toMatch(/^action\s+type\s+resource$/);
    expect(lines).toContain(
      '-/+ replace  aws_dynamodb_table         module.stack.module.data.aws_dynamodb_table.main',
    );
    expect(lines).toContain(
      '+ create     aws_sns_topic              module.stack.module.observability.aws_sns_topic.alarms',
    );
    expect(lines.at(-1)).toBe('5 changes: 1 to create, 1 to update, 2 to replace, 1 to delete');
    expect(formatChangeTable([])).toEqual(['No changes: the environment already matches the configuration.']);
  });
});
