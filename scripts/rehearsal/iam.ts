import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RolePolicies {
  inline: Record<string, { Statement: { Sid?: string; Action: string | string[]; Resource: unknown }[] }>;
  attached: string[];
  /** The role's permissions boundary ARN, if it has one. */
  boundary?: string;
}

/**
 * Roles' inline policy documents, attached policy ARNs and permissions boundary, by role name, read from the
 * emulator with boto3
 * in one Python run (the JS IAM client is not a dependency of this project; Python with boto3 is already
 * needed for the transform).
 */
export async function rolePolicies(
  endpoint: string,
  roleNames: string[],
): Promise<Record<string, RolePolicies>> {
  const script = `
import ast, boto3, json, sys
from urllib.parse import unquote
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1")
def document(raw):
    # moto keeps a policy that CloudFormation created as the text of a Python dict, not as JSON.
    if not isinstance(raw, str):
        return raw
    text = unquote(raw)
    try:
        return json.loads(text)
    except ValueError:
        return ast.literal_eval(text)
def policies(role):
    inline = {name: document(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])
              for name in iam.list_role_policies(RoleName=role)["PolicyNames"]}
    attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]]
    boundary = iam.get_role(RoleName=role)["Role"].get("PermissionsBoundary", {}).get("PermissionsBoundaryArn")
    return {"inline": inline, "attached": attached, "boundary": boundary}
print(json.dumps({role: policies(role) for role in sys.argv[2:]}))
`;
  const { stdout } = await run('python3', ['-c', script, endpoint, ...roleNames]);
  return JSON.parse(stdout) as Record<string, RolePolicies>;
}
