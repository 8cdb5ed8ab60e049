import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Suites that mostly wait on child processes (terraform against moto, the deploy rehearsal, browsers), longest
 * first. Vitest orders by the durations it cached on earlier runs; a fresh clone (CI) has none, and a suite of
 * two minutes that starts last is a run two minutes longer.
 */
const SLOW_SUITES = [
  'test/terraform/terraform-deploy-moto.test.ts',
  'test/terraform/terraform-canary-moto.test.ts',
  'test/terraform/terraform-missing-boundary.test.ts',
  'test/deploy/rehearsal.test.ts',
  'test/terraform/sam-terraform-parity.test.ts',
  'test/reliability/faults.test.ts',
  'test/terraform/terraform-static.test.ts',
  'test/web/firebase-sign-in.test.ts',
  'test/realtime-e2e/live-comments.test.ts',
  'test/web/hosted-sign-in.test.ts',
  'test/bench/bench-quick.test.ts',
  'test/terraform/site-policy.test.ts',
  'test/web/blog-reading.test.ts',
];

const rank = (spec: TestSpecification) => {
  const index = SLOW_SUITES.findIndex((suite) => spec.moduleId.endsWith(suite));
  return index === -1 ? SLOW_SUITES.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cached = await super.sort(files);
    // Array.prototype.sort is stable: the rest keep the cached order.
    return cached.sort((a, b) => rank(a) - rank(b));
  }
}
