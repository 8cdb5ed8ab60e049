import { type Command, CommandNotFoundError, type CommandRunner } from '../command.js';
import { gitBranch, gitHeadCommit, gitRemoteBranchTip } from '../commands.js';
import { RELEASE_BRANCH } from '../environments.js';

/**
 * Where a deploy runs from: a branch, or a detached HEAD. CI's deploy workflow checks out the commit CI
 * tested (detached) and fetches origin's release branch beside it, so that commit can be compared with the
 * release branch's tip.
 */
export type Checkout = { branch: string } | { detachedAt: string; releaseTip: string | undefined };

/** Reads the checkout with git; undefined outside a git checkout (or without git). */
export async function readCheckout(runner: CommandRunner): Promise<Checkout | undefined> {
  const branch = await revParse(runner, gitBranch);
  if (branch === undefined) return undefined;
  if (branch !== 'HEAD') return { branch };
  const head = await revParse(runner, gitHeadCommit);
  if (head === undefined) return undefined;
  return { detachedAt: head, releaseTip: await revParse(runner, gitRemoteBranchTip(RELEASE_BRANCH)) };
}

/**
 * Production ships the release branch's tip only: a checkout of that branch, or a detached HEAD at exactly
 * origin's tip of it (what CI deploys). Anything else says what to check out instead.
 */
export function releaseCheckoutProblem(checkout: Checkout): { problem: string; fix: string } | undefined {
  if ('branch' in checkout) {
    if (checkout.branch === RELEASE_BRANCH) return undefined;
    return {
      problem: `production deploys from the ${RELEASE_BRANCH} branch, and this is ${checkout.branch}`,
      fix: `git checkout ${RELEASE_BRANCH} (merge main into it first), then deploy again`,
    };
  }
  const head = checkout.detachedAt.slice(0, 12);
  const fetchTip = `git fetch origin ${RELEASE_BRANCH} && git checkout ${RELEASE_BRANCH}, then deploy again (CI's deploy workflow fetches origin/${RELEASE_BRANCH} itself)`;
  if (checkout.releaseTip === undefined) {
    return {
      problem: `HEAD is detached at ${head} and origin/${RELEASE_BRANCH} was never fetched, so it cannot be shown to be ${RELEASE_BRANCH}'s tip`,
      fix: fetchTip,
    };
  }
  if (checkout.releaseTip !== checkout.detachedAt) {
    return {
      problem: `HEAD is detached at ${head}, which is not the tip of origin/${RELEASE_BRANCH} (${checkout.releaseTip.slice(0, 12)})`,
      fix: `production deploys ${RELEASE_BRANCH}'s tip only: ${fetchTip}`,
    };
  }
  return undefined;
}

/** One line of git's answer, or undefined when git is missing or says no. */
async function revParse(runner: CommandRunner, command: Command): Promise<string | undefined> {
  const result = await runner.run(command).catch((error: unknown) => {
    if (error instanceof CommandNotFoundError) return undefined;
    throw error;
  });
  const line = result?.code === 0 ? result.stdout.trim() : '';
  return line || undefined;
}
