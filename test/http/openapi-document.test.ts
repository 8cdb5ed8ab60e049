import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Document = {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

/** The document tools read (Swagger UI, openapi-typescript, client generators), as the stack serves it. */
describe('the OpenAPI document', () => {
  let api: TestApp;
  let doc: Document;
  let operations: [string, Operation][];
  beforeAll(async () => {
    api = await startTestApp('memory');
    doc = (await api.request('GET', '/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation],
      ),
    );
  });
  afterAll(() => api.close());

  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy so the other tests read the document as served.
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('names the stack that served it as its server', () => {
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1', description: 'local stack' }]);
  });

  it('has an example for every request body', () => {
    const withBodies = operations.filter(([, op]) => op.requestBody);
    expect(withBodies.length).toBeGreaterThanOrEqual(7);
    const missing = withBodies
      .filter(([, op]) => op.requestBody?.content['application/json']?.example === undefined)
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('lists the contract’s errors where they apply, each in the error shape', () => {
    const gaps: string[] = [];
    for (const [name, op] of operations) {
      if (name.includes('/health')) continue;
      const statuses = Object.keys(op.responses);
      const expected = ['429'];
      if (op.requestBody) expected.push('400', '413', '415', '422');
      if (op.security || name.startsWith('POST /broadcast')) expected.push('401');
      if (/\{id\}/.test(name)) expected.push('404', '422');
      if (/^(PATCH|DELETE) \/api\/posts\/\{id\}$/.test(name)) expected.push('403', '412');
      if (/^POST \/api\/posts/.test(name)) expected.push('409');
      if (!name.includes('/dev/')) expected.push('503');
      for (const status of expected) if (!statuses.includes(status)) gaps.push(`${name} lacks ${status}`);
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const ref = op.responses[status]?.content?.['application/json']?.schema?.$ref;
        if (ref !== '#/components/schemas/Error') gaps.push(`${name} ${status} is not the error shape`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

describe('the OpenAPI document outside the local stack', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp('memory', {
      APP_ENVIRONMENT: 'staging',
      APP_VERSION: '2.3.4',
      APP_AUTH_PROVIDER: 'firebase',
      FIREBASE_PROJECT_ID: 'blogapp-test',
      APP_CURSOR_SECRET: 's'.repeat(32),
      APP_UPLOADS_BUCKET: 'blogapp-staging-uploads',
    });
  });
  afterAll(() => api.close());

  it('leaves out the local-only dev-token route and what only it refers to, and is still valid 3.1', async () => {
    const doc = (await api.request('GET', '/openapi.json')).body;
    expect(doc.info.version).toBe('2.3.4');
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1', description: 'staging stack' }]);
    expect(Object.keys(doc.paths)).not.toContain('/api/dev/token');
    expect(Object.keys(doc.paths)).toContain('/api/posts');
    expect(Object.keys(doc.components.schemas)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^DevToken/)]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Post', 'Error', 'PostPage']),
    );
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });
});
