import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorShapeViolations } from '../../reliability/support/contract.js';
import { call } from '../../reliability/support/http.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** Inputs the reliability suites found, kept as fixed cases so they can never come back unnoticed. */
describe('inputs the suites found', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('memory');
  });
  afterAll(() => stack.close());

  it.each([
    ['an encoded lone surrogate', 'PUT', '/local-uploads/%ED%A0%80'],
    ['a lone percent sign', 'PUT', '/local-uploads/uploads/a/%'],
    ['a truncated escape', 'GET', '/local-uploads/uploads/a/%E0%A4%A'],
  ])(
    'answers a local upload URL with %s with 400 in the error shape, not 500',
    async (_name, method, path) => {
      // Act
      const answer = await call(stack.apiUrl, method, path, method === 'PUT' ? { raw: 'x' } : {});
      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('bad_request');
      expect(errorShapeViolations(answer)).toEqual([]);
    },
  );
});
