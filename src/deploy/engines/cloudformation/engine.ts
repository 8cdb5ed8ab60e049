import {
  type CloudFormationClient,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { Template } from '../../../../scripts/template/template.js';
import { DeployError } from '../../errors.js';
import type { Progress } from '../../progress.js';
import type { Target } from '../../target.js';
import type { DeployEngine, Plan, StackOutputs } from '../engine.js';
import { artifactsBucket } from './artifacts-bucket.js';
import { ChangeSetFailed, changeTable, createChangeSet, deleteChangeSet } from './change-set.js';
import type { AwsClients } from './clients.js';
import { firstFailure, type WaitOptions, waitForStack } from './events.js';
import { INLINE_TEMPLATE_LIMIT, packageFunctions, templateSource, type ZipCache } from './package.js';
import { checkStackState, readOutputs, readStack } from './stack-state.js';
import { refuseDataLoss } from './stateful.js';

/**
 * For an emulator whose CloudFormation runs no transforms and lacks resource types (moto). Only the
 * rehearsal sets it; against AWS, CloudFormation itself runs the SAM transform on the template as written.
 */
export interface EmulatorAdapter {
  /** The packaged SAM template as the emulator can deploy it, and notes saying what was stood in for. */
  prepare(template: Template, parameters: Record<string, string>): Promise<{ body: string; notes: string[] }>;
  /**
   * Executes the change set where the emulator's ExecuteChangeSet differs from AWS's (moto reports a failed
   * create as an error of the call itself); `failure` is why it failed, `notes` what was worked around.
   */
  execute?(
    cloudformation: CloudFormationClient,
    changeSetId: string,
    stackName: string,
  ): Promise<{ notes: string[]; failure?: string }>;
  /** The status AWS would report for the stack, where the emulator reports another. */
  stackStatus?(cloudformation: CloudFormationClient, stack: Stack): Promise<string | undefined>;
}

export interface CloudFormationEngineOptions {
  target: Target;
  /** The SAM template (parsed); the engine packages it. */
  template: Template;
  /** Template parameters: samconfig's overrides plus AppVersion. */
  parameters: Record<string, string>;
  allowReplacement: string[];
  recover: boolean;
  /** --artifacts-bucket; else the bootstrap stack's output. */
  artifactsBucket?: string;
  clients: AwsClients;
  wait?: WaitOptions;
  emulator?: EmulatorAdapter;
  /** The rehearsal's: bundles built once for its many deploys. */
  zips?: ZipCache;
}

interface CloudFormationPlan extends Plan {
  changeSetId: string;
  /** CREATE: the stack exists only to hold this change set (REVIEW_IN_PROGRESS). */
  creates: boolean;
}

/** Deploys over the CloudFormation API: package, change set, table, guard, execute that change set, events. */
export class CloudFormationEngine implements DeployEngine {
  readonly name = 'cloudformation' as const;
  private packaged: Template | undefined;
  private bucket: string | undefined;
  private readonly cloudformation: CloudFormationClient;

  constructor(private readonly options: CloudFormationEngineOptions) {
    this.cloudformation = options.clients.cloudformation;
  }

  async checkState(progress: Progress): Promise<void> {
    const { target, recover } = this.options;
    const statusOf = this.options.emulator?.stackStatus?.bind(this.options.emulator);
    await checkStackState(
      this.cloudformation,
      target.stackName,
      {
        recover,
        environment: target.environment,
        ...(statusOf ? { statusOf } : {}),
        ...(this.options.wait ? { wait: this.options.wait } : {}),
      },
      progress,
    );
  }

  async package(progress: Progress): Promise<void> {
    this.bucket = await artifactsBucket(this.cloudformation, this.options.artifactsBucket);
    const { template } = await packageFunctions(
      this.options.template,
      {
        s3: this.options.clients.s3,
        bucket: this.bucket,
        prefix: this.options.target.stackName,
        ...(this.options.zips ? { zips: this.options.zips } : {}),
      },
      progress,
    );
    this.packaged = template;
  }

  async plan(progress: Progress): Promise<CloudFormationPlan> {
    const { target, parameters, clients } = this.options;
    if (!this.packaged || !this.bucket) throw new Error('plan() before package()');
    let body = JSON.stringify(this.packaged);
    if (this.options.emulator) {
      const prepared = await this.options.emulator.prepare(this.packaged, parameters);
      body = prepared.body;
      for (const note of prepared.notes) progress.note(note);
    }
    const region = await this.cloudformation.config.region();
    const source = await templateSource(body, {
      s3: clients.s3,
      bucket: this.bucket,
      prefix: target.stackName,
      region,
    });
    if ('TemplateURL' in source) {
      progress.note(
        `template ${(Buffer.byteLength(body) / 1024).toFixed(1)} KiB, over CloudFormation's ${INLINE_TEMPLATE_LIMIT}-byte inline limit: passed as ${source.TemplateURL}`,
      );
    }
    const existing = await readStack(this.cloudformation, target.stackName);
    const type = !existing || existing.StackStatus === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
    let changeSet: Awaited<ReturnType<typeof createChangeSet>>;
    try {
      changeSet = await createChangeSet(this.cloudformation, {
        stackName: target.stackName,
        type,
        template: source,
        parameters: declaredParameters(this.options.template, parameters),
        tags: target.tags,
      });
    } catch (error) {
      if (!(error instanceof ChangeSetFailed)) throw error;
      await deleteChangeSet(this.cloudformation, error.changeSetId).catch(() => undefined);
      throw new DeployError(
        `${error.message}`,
        'Nothing was changed. Fix the template or parameters (`make lint` runs cfn-lint on the transformed template), then run again.',
      );
    }
    const plan: CloudFormationPlan = {
      changeSetId: changeSet.id,
      creates: type === 'CREATE',
      empty: changeSet.empty,
      changes: changeSet.changes,
    };
    if (plan.empty) {
      progress.note('no changes: the stack already matches this template, code and parameters');
      await this.discard(plan);
      return plan;
    }
    progress.note(`change set ${changeSet.id.split('/')[1] ?? changeSet.id} (${type}):`);
    for (const line of changeTable(plan.changes)) progress.note(`  ${line}`);
    try {
      refuseDataLoss(plan.changes, this.options.allowReplacement, target.stackName);
    } catch (error) {
      await this.discard(plan);
      throw error;
    }
    return plan;
  }

  async apply(plan: Plan, progress: Progress): Promise<StackOutputs> {
    const { changeSetId } = plan as CloudFormationPlan;
    const { stackName, environment } = this.options.target;
    const started = new Date(Date.now() - 1_000);
    const emulator = this.options.emulator;
    const executed = emulator?.execute
      ? await emulator.execute(this.cloudformation, changeSetId, stackName)
      : await this.cloudformation
          .send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId }))
          .then(() => ({ notes: [] as string[], failure: undefined }));
    let status = await waitForStack(this.cloudformation, stackName, progress, this.options.wait);
    for (const note of executed.notes) progress.note(note);
    const stack = emulator?.stackStatus && (await readStack(this.cloudformation, stackName));
    if (stack) status = (await emulator?.stackStatus?.(this.cloudformation, stack)) ?? status;
    if (!/^(CREATE|UPDATE)_COMPLETE$/.test(status)) {
      const cause = (await firstFailure(this.cloudformation, stackName, started)) ?? executed.failure;
      // Every role of the stack carries the environment's permissions boundary, made by its deploy-role stack.
      const noBoundary = cause?.includes(`policy/blogapp-${environment}-boundary`);
      throw new DeployError(
        `${stackName} ended ${status}${cause ? `; the first failure: ${cause}` : ''}.`,
        noBoundary
          ? `The permissions boundary blogapp-${environment}-boundary is missing: deploy stack blogapp-deploy-role-${environment} from infrastructure/aws-sam/deploy-role.yaml first (DEPLOYMENT.md, first-time setup), then deploy again${status === 'ROLLBACK_COMPLETE' ? ' with --recover' : ''}.`
          : status === 'ROLLBACK_COMPLETE'
            ? `The first create failed and was rolled back. Fix the cause, then run \`npm run deploy -- --env ${environment} --recover\` (it deletes the empty stack and creates it afresh).`
            : `CloudFormation rolled the stack back to what it was. Fix the cause and deploy again; see \`npm run status -- --env ${environment}\`.`,
      );
    }
    return (await this.outputs()) ?? {};
  }

  /** Deletes the change set; a stack that existed only to hold it (a first deploy) goes too, empty. */
  async discard(plan: Plan): Promise<void> {
    const { changeSetId, creates } = plan as CloudFormationPlan;
    await deleteChangeSet(this.cloudformation, changeSetId).catch(() => undefined);
    const stack = creates ? await readStack(this.cloudformation, this.options.target.stackName) : undefined;
    if (stack?.StackStatus === 'REVIEW_IN_PROGRESS') {
      await this.cloudformation.send(new DeleteStackCommand({ StackName: stack.StackId }));
    }
  }

  outputs(): Promise<StackOutputs | undefined> {
    return readOutputs(this.cloudformation, this.options.target.stackName);
  }
}

/** Only the parameters the template declares (CloudFormation refuses any other). */
function declaredParameters(template: Template, given: Record<string, string>): Record<string, string> {
  const declared = new Set(Object.keys(template.Parameters ?? {}));
  return Object.fromEntries(Object.entries(given).filter(([key]) => declared.has(key)));
}
