import { join } from 'node:path';
import { type CloudFormationClient, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { BOOTSTRAP_STACK } from '../../src/deploy/engines/cloudformation/artifacts-bucket.js';
import { changeTable, createChangeSet } from '../../src/deploy/engines/cloudformation/change-set.js';
import { waitForStack } from '../../src/deploy/engines/cloudformation/events.js';
import { readStack } from '../../src/deploy/engines/cloudformation/stack-state.js';
import type { Progress } from '../../src/deploy/progress.js';
import { loadTemplate, TEMPLATE_DIR } from '../template/template.js';
import { refreshMotoOutputs } from './moto-preparation.js';
import { motoResourceTypes } from './moto-types.js';
import { type StoodIn, standIn } from './stand-ins.js';

/**
 * Deploys bootstrap.yaml as DEPLOYMENT.md's first-time setup does (one change set, executed), with
 * stand-ins for what moto cannot create. Returns what was stood in for.
 */
export async function deployBootstrap(
  cloudformation: CloudFormationClient,
  progress: Progress,
): Promise<StoodIn[]> {
  const template = await loadTemplate(join(TEMPLATE_DIR, 'bootstrap.yaml'));
  const { template: deployable, stoodIn } = standIn(
    template as unknown as Parameters<typeof standIn>[0],
    await motoResourceTypes(),
  );
  progress.note(`stood in for ${stoodIn.map((s) => `${s.logicalId} (${s.type})`).join(', ')}`);
  const type = (await readStack(cloudformation, BOOTSTRAP_STACK)) ? 'UPDATE' : 'CREATE';
  const changeSet = await createChangeSet(
    cloudformation,
    {
      stackName: BOOTSTRAP_STACK,
      type,
      template: { TemplateBody: JSON.stringify(deployable) },
      parameters: { GitHubOwner: 'example-org', GitHubRepository: 'blogapp' },
      tags: { project: 'blogapp' },
    },
    { intervalMs: 200 },
  );
  for (const line of changeTable(changeSet.changes)) progress.note(`  ${line}`);
  await cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id }));
  const status = await waitForStack(cloudformation, BOOTSTRAP_STACK, progress, { intervalMs: 200 });
  if (status !== `${type}_COMPLETE`) throw new Error(`${BOOTSTRAP_STACK} ended ${status}`);
  for (const note of await refreshMotoOutputs(cloudformation, BOOTSTRAP_STACK)) progress.note(note);
  return stoodIn;
}
