import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATE_DIR } from '../../scripts/template/template.js';

/** samconfig.toml: `sam deploy --config-env <env>` from infrastructure/aws-sam deploys the right stack. */
const template = await loadTemplate();
interface DeployParameters {
  stack_name?: string;
  region?: string;
  capabilities?: string;
  confirm_changeset?: boolean;
  tags?: string;
  parameter_overrides?: unknown;
}
type SamConfig = { version?: number } & Record<string, { deploy?: { parameters?: DeployParameters } }> & {
    default?: { build?: { parameters?: Record<string, unknown> } };
  };
const config = parse(await readFile(join(TEMPLATE_DIR, 'samconfig.toml'), 'utf8')) as unknown as SamConfig;
const ENVIRONMENTS = ['development', 'staging', 'production'];

/** parameter_overrides as SAM reads it: a list of Key=Value, or one space-separated string. */
function overrides(value: unknown): Record<string, string> {
  const items = Array.isArray(value)
    ? value.map(String)
    : String(value ?? '')
        .split(/\s+/)
        .filter(Boolean);
  return Object.fromEntries(
    items.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]),
  );
}

it('is version 0.1 with exactly the three environments (plus defaults)', () => {
  expect(config.version).toBe(0.1);
  expect(
    Object.keys(config)
      .filter((key) => key !== 'version' && key !== 'default')
      .sort(),
  ).toEqual([...ENVIRONMENTS].sort());
  expect(config.default?.build?.parameters).toMatchObject({ cached: true, parallel: true });
});

describe.each(ENVIRONMENTS)('%s', (environment) => {
  const deploy = config[environment]?.deploy?.parameters ?? {};
  const parameters = overrides(deploy.parameter_overrides);

  it('deploys stack blogapp-<env> with the capabilities the template needs', () => {
    expect(deploy).toMatchObject({
      stack_name: `blogapp-${environment}`,
      resolve_s3: true,
      s3_prefix: `blogapp-${environment}`,
      fail_on_empty_changeset: false,
    });
    expect(deploy.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    expect(deploy.capabilities?.split(' ').sort()).toEqual(['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM']);
    expect(deploy.tags).toContain(`environment=${environment}`);
  });

  it('asks for confirmation of the change set in production only', () => {
    expect(deploy.confirm_changeset).toBe(environment === 'production');
  });

  it('overrides only parameters the template declares, with this environment', () => {
    expect(Object.keys(parameters).filter((key) => !(key in (template.Parameters ?? {})))).toEqual([]);
    expect(parameters.Environment).toBe(environment);
  });

  it('sets every parameter without a default, and no * origin in production', () => {
    const required = Object.entries(template.Parameters ?? {})
      .filter(([, parameter]) => parameter.Default === undefined)
      .map(([name]) => name);
    expect(required.filter((name) => !(name in parameters))).toEqual([]);
    if (environment === 'production') expect((parameters.AllowedOrigins ?? '').split(',')).not.toContain('*');
  });
});
