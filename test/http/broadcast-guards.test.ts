import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createShell } from '../../src/http/app-shell.js';
import { handleError } from '../../src/http/handle-error.js';
import {
  anyOf,
  type BroadcastGuard,
  iamGuard,
  localKeyGuard,
} from '../../src/http/middleware/broadcast-guard.js';

/**
 * A one-route app behind the guard, in the shell every app has; `event` plays the Lambda event Hono's
 * adapter passes as the bindings, which the shell hands on as `c.env.platform`.
 */
async function call(guard: BroadcastGuard, headers: Record<string, string> = {}, event?: unknown) {
  const app = createShell({ config: { allowedOrigins: ['*'] }, logger: new Logger({ logLevel: 'SILENT' }) });
  app.post('/b', (c) => {
    guard(c);
    return c.body(null, 204);
  });
  app.onError((error, c) => handleError(error, c, new Logger({ logLevel: 'SILENT' })));
  const response = await app.request('/b', { method: 'POST', headers }, event ? { event } : undefined);
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

const iamEvent = {
  requestContext: { authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/ops' } } },
};
const KEY = 'k'.repeat(43);

describe('broadcast guards', () => {
  it('IAM: lets in a SigV4-authorized Lambda event, refuses anything else with 403', async () => {
    expect((await call(iamGuard, {}, iamEvent)).status).toBe(204);
    expect(await call(iamGuard)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await call(iamGuard, { 'x-broadcast-key': KEY })).status).toBe(403);
    expect((await call(iamGuard, {}, { requestContext: { authorizer: { jwt: {} } } })).status).toBe(403);
  });

  it('local key: 401 without credentials, 403 for a wrong key or a user token, through with the key', async () => {
    const guard = localKeyGuard(KEY);
    expect(await call(guard)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect((await call(guard, { 'x-broadcast-key': `${KEY.slice(1)}x` })).status).toBe(403);
    expect((await call(guard, { 'x-broadcast-key': 'short' })).status).toBe(403);
    expect((await call(guard, { authorization: 'Bearer a.b.c' })).status).toBe(403);
    expect((await call(guard, { 'x-broadcast-key': KEY })).status).toBe(204);
  });

  it('anyOf: through when one guard is, else the last guard’s refusal', async () => {
    const guard = anyOf(iamGuard, localKeyGuard(KEY));
    expect((await call(guard, {}, iamEvent)).status).toBe(204);
    expect((await call(guard, { 'x-broadcast-key': KEY })).status).toBe(204);
    expect((await call(guard)).status).toBe(401);
  });
});
