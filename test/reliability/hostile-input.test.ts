import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHostileInput } from '../../reliability/suites/hostile-input.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('hostile input over HTTP (security suite)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('dynamodb');
  });
  afterAll(() => stack.close());

  it('refuses what issue 17 found: anonymous bodies, half characters, weak tags, invisible text, e-mail names, re-PUT images', async () => {
    const result = await checkHostileInput(stack);
    expect(result.violations).toEqual([]);
    expect(result.requests).toBeGreaterThan(40);
  }, 60_000);
});
