import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAuthorizationMatrix,
  checkBroadcast,
  checkEnvironments,
  checkHeaderInjection,
  checkSecurityHeaders,
} from '../../reliability/suites/security.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('security over HTTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('dynamodb');
  });
  afterAll(() => stack.close());

  it('lets every route be called by exactly who the contract says (anonymous, another user, the owner, forged tokens)', async () => {
    const result = await checkAuthorizationMatrix(stack);
    expect(result.violations).toEqual([]);
    expect(result.requests).toBeGreaterThan(100);
  }, 60_000);

  it('never lets CR, LF, NUL or obs-fold in headers or paths inject a header', async () => {
    const result = await checkHeaderInjection(stack);
    expect(result.violations).toEqual([]);
  });

  it('sets security headers on every kind of answer and names no server software', async () => {
    const result = await checkSecurityHeaders(stack);
    expect(result.violations).toEqual([]);
  });

  it('keeps the broadcast endpoint closed to users and wrong keys', async () => {
    const result = await checkBroadcast(stack);
    expect(result.violations).toEqual([]);
  });
});

describe('surface per environment', () => {
  it('allows only each environment’s origins, and has docs outside production and dev tokens only locally', async () => {
    const result = await checkEnvironments();
    expect(result.violations).toEqual([]);
  }, 60_000);
});
