import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RolePolicies {
  inline: Record<string, { Statement: { Sid?: string; Action: string | string[]; Resource: unknown }[] }>;
  attached: string[];
}

/**
 * A role's inline policy documents and attached policy ARNs, read from the emulator with boto3 (the JS IAM
 * client is not a dependency of this project; Python with boto3 is already needed for the transform).
 */
export async function rolePolicies(endpoint: string, roleName: string): Promise<RolePolicies> {
  const script = `
import ast, boto3, json, sys
from urllib.parse import unquote
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1")
role = sys.argv[2]
def document(raw):
    # moto keeps a policy that CloudFormation created as the text of a Python dict, not as JSON.
    if not isinstance(raw, str):
        return raw
    text = unquote(raw)
    try:
        return json.loads(text)
    except ValueError:
        return ast.literal_eval(text)
inline = {name: document(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])
          for name in iam.list_role_policies(RoleName=role)["PolicyNames"]}
attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]]
print(json.dumps({"inline": inline, "attached": attached}))
`;
  const { stdout } = await run('python3', ['-c', script, endpoint, roleName]);
  return JSON.parse(stdout) as RolePolicies;
}
