import { describe, expect, it } from 'vitest';
import { DEPLOY_ENVIRONMENTS } from '../../src/deploy/environments.js';
import { loadTarget } from '../../src/deploy/target.js';
import { repoRoot } from '../support/cli-process.js';

describe('the repository’s samconfig.toml, as the deploy CLI reads it', () => {
  it.each(DEPLOY_ENVIRONMENTS)('has a %s section deploying stack blogapp-<env>', async (environment) => {
    const target = await loadTarget(repoRoot, environment);
    expect(target.stackName).toBe(`blogapp-${environment}`);
    expect(target.parameters.Environment).toBe(environment);
    expect(target.tags).toEqual({ project: 'blogapp', environment });
  });
});
