import { describe, expect, it } from 'vitest';
import { DeployError } from '../errors.js';
import { type ReplacementOptions, refuseDataLoss } from './data-loss-guard.js';
import type { ResourceChange } from './plan-changes.js';

const TABLE = 'module.stack.module.data.aws_dynamodb_table.main';
const POOL = 'module.stack.module.identity.aws_cognito_user_pool.this[0]';
const changes: ResourceChange[] = [
  { address: TABLE, type: 'aws_dynamodb_table', action: 'replace' },
  { address: POOL, type: 'aws_cognito_user_pool', action: 'delete' },
  {
    address: 'module.stack.module.data.aws_secretsmanager_secret.cursor',
    type: 'aws_secretsmanager_secret',
    action: 'update',
  },
  {
    address: 'module.stack.module.api.aws_apigatewayv2_route.this["GET /docs"]',
    type: 'aws_apigatewayv2_route',
    action: 'replace',
  },
];
const options = (allowReplacement: string[], more: Partial<ReplacementOptions> = {}): ReplacementOptions => ({
  environment: 'staging',
  allowReplacement,
  planOnly: false,
  autoApprove: false,
  skipSmoke: false,
  ...more,
});
const refusal = (run: () => unknown): DeployError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DeployError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('--allow-replacement with Terraform', () => {
  it('refuses what it does not name, printing the exact command that allows all of it', () => {
    const error = refusal(() =>
      refuseDataLoss(changes, options([TABLE], { autoApprove: true, region: 'eu-west-1' })),
    );
    expect(error.message).toMatch(
      /^The plan would delete module\.stack\.module\.identity\.aws_cognito_user_pool\.this\[0\]: that loses its data, so nothing was applied\.\n\s+.*\(delete\): lost would be every user account and password in the pool$/,
    );
    expect(error.message).not.toContain(TABLE);
    // The address holds brackets: quoted for the shell.
    expect(error.whatNext).toContain(
      `run: npm run deploy -- --env staging --engine terraform --region eu-west-1 --auto-approve --allow-replacement ${TABLE} --allow-replacement '${POOL}'`,
    );
  });

  it('allows exactly what it names, and nothing that is not data', () => {
    expect(refuseDataLoss(changes, options([TABLE, POOL])).map(({ address }) => address)).toEqual([
      TABLE,
      POOL,
    ]);
    expect(refuseDataLoss(changes.slice(2), options([]))).toEqual([]);
  });

  it('refuses a name that is none of the plan’s replacements or deletions, even with nothing else refused', () => {
    const error = refusal(() => refuseDataLoss(changes, options(['SomethingElse', TABLE, POOL])));
    expect(error.message).toBe(
      `--allow-replacement SomethingElse: it is not among what this plan replaces or deletes (${TABLE}, ${POOL}), so nothing was applied.`,
    );
    expect(error.whatNext).toMatch(/Terraform address as the plan table above shows it/);
    expect(refusal(() => refuseDataLoss(changes.slice(2), options([TABLE]))).message).toContain(
      'not among what this plan replaces or deletes (no table, bucket, secret or user pool)',
    );
  });
});
