import { join } from 'node:path';
import { type CloudFormationClient, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { BOOTSTRAP_STACK } from '../../src/deploy/engines/cloudformation/artifacts-bucket.js';
import { changeTable, createChangeSet } from '../../src/deploy/engines/cloudformation/change-set.js';
import { waitForStack } from '../../src/deploy/engines/cloudformation/events.js';
import { readOutputs, readStack } from '../../src/deploy/engines/cloudformation/stack-state.js';
import type { DeployEnvironment } from '../../src/deploy/environments.js';
import type { Progress } from '../../src/deploy/progress.js';
import { loadTemplate, TEMPLATE_DIR } from '../template/template.js';
import { refreshMotoOutputs } from './moto-preparation.js';
import { motoResourceTypes } from './moto-types.js';
import { type StoodIn, standIn } from './stand-ins.js';

/** The repository DEPLOYMENT.md's commands name, as the rehearsal's GitHub side. */
const GITHUB = { GitHubOwner: 'example-org', GitHubRepository: 'blogapp' };

/** The stack deploy-role.yaml is deployed as for one environment (DEPLOYMENT.md, first-time setup). */
export const deployRoleStack = (environment: DeployEnvironment) => `blogapp-deploy-role-${environment}`;

/**
 * Deploys bootstrap.yaml as DEPLOYMENT.md's first-time setup does (one change set, executed), with
 * stand-ins for what moto cannot create. Returns what was stood in for.
 */
export function deployBootstrap(
  cloudformation: CloudFormationClient,
  progress: Progress,
): Promise<StoodIn[]> {
  return deployAccountStack(cloudformation, progress, {
    stackName: BOOTSTRAP_STACK,
    file: 'bootstrap.yaml',
    parameters: {},
  });
}

/**
 * Deploys deploy-role.yaml for one environment, as DEPLOYMENT.md's first-time setup does, and returns the
 * ARN of the role that environment's GitHub environment assumes.
 */
export async function deployDeployRole(
  cloudformation: CloudFormationClient,
  progress: Progress,
  environment: DeployEnvironment,
): Promise<string> {
  const stackName = deployRoleStack(environment);
  await deployAccountStack(cloudformation, progress, {
    stackName,
    file: 'deploy-role.yaml',
    parameters: { Environment: environment, ...GITHUB },
  });
  const arn = (await readOutputs(cloudformation, stackName))?.DeployRoleArn;
  if (!arn) throw new Error(`${stackName} has no DeployRoleArn output`);
  return arn;
}

async function deployAccountStack(
  cloudformation: CloudFormationClient,
  progress: Progress,
  { stackName, file, parameters }: { stackName: string; file: string; parameters: Record<string, string> },
): Promise<StoodIn[]> {
  const template = await loadTemplate(join(TEMPLATE_DIR, file));
  const { template: deployable, stoodIn } = standIn(
    template as unknown as Parameters<typeof standIn>[0],
    await motoResourceTypes(),
  );
  if (stoodIn.length > 0) {
    progress.note(`stood in for ${stoodIn.map((s) => `${s.logicalId} (${s.type})`).join(', ')}`);
  }
  const type = (await readStack(cloudformation, stackName)) ? 'UPDATE' : 'CREATE';
  const changeSet = await createChangeSet(
    cloudformation,
    {
      stackName,
      type,
      template: { TemplateBody: JSON.stringify(deployable) },
      parameters,
      tags: { project: 'blogapp' },
    },
    { intervalMs: 200 },
  );
  for (const line of changeTable(changeSet.changes)) progress.note(`  ${line}`);
  await cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id }));
  const status = await waitForStack(cloudformation, stackName, progress, { intervalMs: 200 });
  if (status !== `${type}_COMPLETE`) throw new Error(`${stackName} ended ${status}`);
  for (const note of await refreshMotoOutputs(cloudformation, stackName)) progress.note(note);
  return stoodIn;
}
