import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../../scripts/template/template.js';
import { STATEFUL_TYPES as TERRAFORM_GUARDED } from '../terraform/plan-changes.js';
import { TERRAFORM_DIR } from '../terraform/roots.js';
import { STATEFUL_TYPES as CLOUDFORMATION_GUARDED } from './cloudformation/stateful.js';
import { STATEFUL_KINDS } from './stateful-kinds.js';

const root = join(import.meta.dirname, '../../..');

/** Every `resource "<type>"` the Terraform modules declare. */
async function terraformResourceTypes(): Promise<Set<string>> {
  const modules = join(root, TERRAFORM_DIR, 'modules');
  const files = (await readdir(modules, { recursive: true })).filter((file) => file.endsWith('.tf'));
  const texts = await Promise.all(files.map((file) => readFile(join(modules, file), 'utf8')));
  return new Set(
    texts.flatMap((text) => [...text.matchAll(/^resource "(\w+)"/gm)].map((match) => match[1] ?? '')),
  );
}

describe('the kinds of resource that hold data', () => {
  it('are guarded alike by both engines, each in its own names', () => {
    expect(Object.keys(CLOUDFORMATION_GUARDED).length).toBe(STATEFUL_KINDS.length);
    expect(Object.keys(TERRAFORM_GUARDED).length).toBe(STATEFUL_KINDS.length);
    for (const kind of STATEFUL_KINDS) {
      expect(TERRAFORM_GUARDED[kind.terraform]).toBe(CLOUDFORMATION_GUARDED[kind.cloudFormation]);
    }
    expect(Object.keys(TERRAFORM_GUARDED)).toContain('aws_cognito_user_pool');
  });

  it('name types both stacks declare: tables, buckets, the secret and the user pool', async () => {
    const template = await loadTemplate();
    const samTypes = new Set(Object.values(template.Resources).map(({ Type }) => Type));
    const terraformTypes = await terraformResourceTypes();
    for (const kind of STATEFUL_KINDS) {
      expect(samTypes, kind.cloudFormation).toContain(kind.cloudFormation);
      expect(terraformTypes, kind.terraform).toContain(kind.terraform);
    }
  });
});
