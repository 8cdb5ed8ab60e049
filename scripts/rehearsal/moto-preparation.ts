import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  ExecuteChangeSetCommand,
  type Stack,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { sha256 } from '../../src/deploy/bundles/deterministic-zip.js';
import type { EmulatorAdapter } from '../../src/deploy/engines/cloudformation/engine.js';
import { samTransform } from '../template/sam-transform.js';
import type { Template } from '../template/template.js';
import { motoResourceTypes } from './moto-types.js';
import { type StoodIn, standIn } from './stand-ins.js';

/**
 * What the rehearsal hands the engine for moto, whose CloudFormation runs no transforms and lacks some
 * types: the SAM transform run here (aws-sam-translator, as CloudFormation would run it), then stand-ins for
 * the types moto lacks. Every stand-in is printed and kept in `stoodIn` for the report.
 */
export function motoAdapter(region: string): EmulatorAdapter & { stoodIn: StoodIn[] } {
  // The same packaged template and parameters transform to the same result: a redeploy reuses it.
  const prepared = new Map<string, { body: string; notes: string[]; stoodIn: StoodIn[] }>();
  const preparation = {
    stoodIn: [] as StoodIn[],
    async prepare(template: Template, parameters: Record<string, string>) {
      const key = sha256(JSON.stringify([template, parameters]));
      const known = prepared.get(key) ?? (await transformAndStandIn(template, parameters));
      prepared.set(key, known);
      preparation.stoodIn = known.stoodIn;
      return { body: known.body, notes: known.notes };
    },
    execute: executeOnMoto,
    stackStatus: motoStackStatus,
  };
  async function transformAndStandIn(template: Template, parameters: Record<string, string>) {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-rehearsal-'));
    try {
      const file = join(dir, 'packaged.json');
      await writeFile(file, JSON.stringify(template));
      const declared = new Set(Object.keys(template.Parameters ?? {}));
      const transformed = (await samTransform(file, {
        parameters: Object.fromEntries(Object.entries(parameters).filter(([key]) => declared.has(key))),
        region,
      })) as Parameters<typeof standIn>[0];
      const { template: deployable, stoodIn } = standIn(transformed, await motoResourceTypes());
      const notes = [
        `SAM transform run locally (aws-sam-translator): moto's CloudFormation runs no transforms`,
        `stood in for ${stoodIn.length} resources moto cannot create (SSM parameters /rehearsal/<stack>/<id>):`,
        ...groupByType(stoodIn).map(([type, ids]) => `  ${type}: ${ids.join(', ')}`),
      ];
      return { body: JSON.stringify(deployable), notes, stoodIn };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return preparation;
}

/**
 * moto executes a change set within the call: a resource that fails comes back as the call's error (and
 * the stack is left REVIEW_IN_PROGRESS, where AWS would roll back to ROLLBACK_COMPLETE).
 */
async function executeOnMoto(cloudformation: CloudFormationClient, changeSetId: string, stackName: string) {
  try {
    await cloudformation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId }));
  } catch (error) {
    return {
      notes: [
        'moto: the create failed inside ExecuteChangeSet, which leaves the stack REVIEW_IN_PROGRESS; the rehearsal reads that as ROLLBACK_COMPLETE, what AWS reports after a failed first create',
      ],
      failure: motoErrorMessage(error),
    };
  }
  return { notes: await refreshMotoOutputs(cloudformation, stackName) };
}

/** A stack still REVIEW_IN_PROGRESS whose events show a create began: AWS would say ROLLBACK_COMPLETE. */
async function motoStackStatus(cloudformation: CloudFormationClient, stack: Stack) {
  if (stack.StackStatus !== 'REVIEW_IN_PROGRESS') return undefined;
  const events = await cloudformation.send(
    new DescribeStackEventsCommand({ StackName: stack.StackId ?? stack.StackName }),
  );
  const began = (events.StackEvents ?? []).some((e) => e.ResourceStatus === 'CREATE_IN_PROGRESS');
  return began ? 'ROLLBACK_COMPLETE' : undefined;
}

function groupByType(stoodIn: StoodIn[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const { logicalId, type } of stoodIn) groups.set(type, [...(groups.get(type) ?? []), logicalId]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * moto's ExecuteChangeSet creates the resources but never evaluates the template's Outputs (its UpdateStack
 * does): re-applying the same template with UpdateStack fills them in and changes nothing.
 */
export async function refreshMotoOutputs(cloudformation: CloudFormationClient, stackName: string) {
  await cloudformation.send(
    new UpdateStackCommand({
      StackName: stackName,
      UsePreviousTemplate: true,
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND', 'CAPABILITY_NAMED_IAM'],
    }),
  );
  return [
    'moto: outputs evaluated by re-applying the same template with UpdateStack (moto leaves them out after a change set)',
  ];
}

/** moto answers a failed ExecuteChangeSet with a JSON error the SDK cannot parse as XML: dig the message out. */
function motoErrorMessage(error: unknown): string {
  const { message = '', $response } = error as { message?: string; $response?: { body?: unknown } };
  const text = `${message} ${typeof $response?.body === 'string' ? $response.body : ''}`;
  const json = text.match(/\{"__type".*?\}/)?.[0];
  if (json) {
    const parsed = JSON.parse(json) as { __type?: string; message?: string };
    return `${parsed.__type}: ${parsed.message}`;
  }
  return message || String(error);
}
