import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface ServiceData {
  Resources: Record<string, { ARNFormats?: string[]; ConditionKeys?: string[] }>;
}

/**
 * AWS's Service Authorization Reference (each service's IAM resource types and the condition keys they
 * support) as cfn-lint ships it, the copy its IAM policy checks use. cfn-lint is already needed for the SAM
 * transform, so this reads its data file rather than keeping a copy of our own.
 */
export async function loadServiceAuthorization(): Promise<Record<string, ServiceData>> {
  const { stdout } = await run('python3', [
    '-c',
    'import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), "data", "AdditionalSpecs", "Policies.json"))',
  ]);
  return JSON.parse(await readFile(stdout.trim(), 'utf8')) as Record<string, ServiceData>;
}

/** Whether IAM can evaluate aws:ResourceTag on a resource type of a service (e.g. 'cloudfront', 'distribution'). */
export function supportsResourceTags(
  data: Record<string, ServiceData>,
  service: string,
  resourceType: string,
) {
  const resource = data[service]?.Resources[resourceType];
  if (!resource) throw new Error(`AWS's authorization data has no ${service} resource type ${resourceType}`);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the reference's placeholder for any tag key
  return (resource.ConditionKeys ?? []).includes('aws:ResourceTag/${TagKey}');
}
