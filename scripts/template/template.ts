import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCloudFormationYaml } from './cfn-yaml.js';

/** The SAM template: the single source of truth for what is deployed and how each function is bundled. */
export const TEMPLATE_PATH = fileURLToPath(
  new URL('../../infrastructure/aws-sam/template.yaml', import.meta.url),
);
export const TEMPLATE_DIR = dirname(TEMPLATE_PATH);

export type Properties = Record<string, unknown>;

export interface Resource {
  Type: string;
  Properties?: Properties;
  Metadata?: Properties;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: unknown;
  UpdateReplacePolicy?: unknown;
}

export interface Template {
  Transform?: string | string[];
  Parameters?: Record<string, { Type: string; Default?: unknown; AllowedValues?: unknown[] }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<string, unknown>;
  Globals?: Record<string, Properties>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Condition?: string }>;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and parses the template (short-form tags included), checking only that it has resources. */
export async function loadTemplate(path = TEMPLATE_PATH): Promise<Template> {
  const template = await readCloudFormationYaml(path);
  if (!isObject(template) || !isObject(template.Resources)) {
    throw new Error(`${path} is not a CloudFormation template: it has no Resources.`);
  }
  return template as unknown as Template;
}

/** The template's resources of one type, as [logicalId, resource] pairs. */
export function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}
