import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoVerifier } from '../../src/adapters/auth/cognito-verifier.js';
import { cognitoSmokeUser, type SmokeSignIn } from '../../src/smoke/cognito-smoke-user.js';
import { runSmokeSuite, SMOKE_CHECKS, type SmokeResult } from '../../src/smoke/smoke-suite.js';
import { runCliProcess } from '../support/cli-process.js';
import { type MotoServer, startMotoServer } from '../support/moto-server.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/**
 * The signed-in smoke run of a managed pool, with Cognito emulated by moto_server: a throwaway user is
 * created with the admin APIs, signs in through the smoke client, and the API — verifying with the real
 * Cognito verifier against moto's key set — accepts its ID token for the full flow. The user is deleted
 * afterwards, also when a check failed.
 */
const REGION = 'us-east-1';
const statuses = (results: SmokeResult[]) => Object.fromEntries(results.map((r) => [r.check, r.status]));

describe('smoke suite with a throwaway Cognito user', { timeout: 60_000 }, () => {
  let moto: MotoServer;
  let cognito: CognitoIdentityProviderClient;
  let stack: TestStack;
  let userPoolId: string;
  let smokeClientId: string;

  beforeAll(async () => {
    moto = await startMotoServer();
    cognito = new CognitoIdentityProviderClient({
      endpoint: moto.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    // As the template makes them: email usernames, a web client and an admin-auth smoke client.
    const pool = await cognito.send(
      new CreateUserPoolCommand({ PoolName: 'blogapp-test-users', UsernameAttributes: ['email'] }),
    );
    userPoolId = pool.UserPool?.Id ?? '';
    const client = (name: string, flows: string[]) =>
      cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: name,
          GenerateSecret: false,
          ExplicitAuthFlows: flows as never,
        }),
      );
    const web = await client('web', ['ALLOW_REFRESH_TOKEN_AUTH']);
    const smoke = await client('smoke', ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    smokeClientId = smoke.UserPoolClient?.ClientId ?? '';
    const verifier = createCognitoVerifier({
      region: REGION,
      userPoolId,
      // Both clients' ID tokens, as COGNITO_CLIENT_ID lists them for a managed pool.
      clientId: [web.UserPoolClient?.ClientId ?? '', smokeClientId],
      jwksUrl: `${moto.endpoint}/${userPoolId}/.well-known/jwks.json`,
    });
    stack = await startTestStack('memory', {}, undefined, { verifier });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await moto?.close();
  });

  const usersLeft = async () =>
    (await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId }))).Users ?? [];
  const smokeUser = () => cognitoSmokeUser({ client: cognito, userPoolId, clientId: smokeClientId });

  it('signs the user in, runs the whole flow with its token, then deletes it', async () => {
    const results = await runSmokeSuite({ apiUrl: stack.apiUrl, wsUrl: stack.wsUrl, signIn: smokeUser() });

    const [health, auth, ...rest] = SMOKE_CHECKS;
    expect(results.map((r) => [r.check, r.status])).toEqual(
      [health, auth, 'sign-in', ...rest, 'delete-user'].map((check) => [check, 'passed']),
    );
    expect(results.find((r) => r.check === 'sign-in')?.detail).toMatch(
      /throwaway user blogapp-smoke-[0-9a-f]{12}@smoke\.invalid created and signed in/,
    );
    expect(await usersLeft()).toEqual([]);
  });

  it('deletes the user when a check fails', async () => {
    const results = await runSmokeSuite({
      apiUrl: stack.apiUrl,
      // Nobody listens here: the WebSocket check fails.
      wsUrl: 'ws://127.0.0.1:1',
      signIn: smokeUser(),
    });

    expect(statuses(results)).toMatchObject({
      'sign-in': 'passed',
      'websocket-subscribe': 'failed',
      'delete-post': 'passed',
      'delete-user': 'passed',
    });
    expect(await usersLeft()).toEqual([]);
  });

  it('deletes the user when signing in fails half-way', async () => {
    // A client that does not exist: the user is created, then AdminInitiateAuth refuses.
    const broken = cognitoSmokeUser({ client: cognito, userPoolId, clientId: 'no-such-client' });
    const results = await runSmokeSuite({ apiUrl: stack.apiUrl, wsUrl: stack.wsUrl, signIn: broken });

    expect(statuses(results)).toMatchObject({
      'sign-in': 'failed',
      'create-post': 'not-run',
      'delete-user': 'passed',
    });
    expect(await usersLeft()).toEqual([]);
  });

  it('creates no user in a read-only run', async () => {
    const created: string[] = [];
    const watched: SmokeSignIn = {
      signIn: () => {
        created.push('signIn');
        return smokeUser().signIn();
      },
      cleanUp: async () => null,
    };
    const results = await runSmokeSuite({
      apiUrl: stack.apiUrl,
      wsUrl: stack.wsUrl,
      signIn: watched,
      readOnly: true,
    });

    expect(statuses(results)).toMatchObject({
      health: 'passed',
      'auth-required': 'passed',
      'sign-in': 'not-run',
      'create-post': 'not-run',
      'delete-user': 'not-run',
    });
    expect(results.find((r) => r.check === 'create-post')?.detail).toMatch(/read-only run/);
    expect(created).toEqual([]);
    expect(await usersLeft()).toEqual([]);
  });

  it('runs as `npm run smoke` with the pool’s ids, as the deploy workflow does, and writes the report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blogapp-smoke-report-'));
    try {
      const report = join(dir, 'smoke-report.json');
      const run = await runCliProcess('src/entry/cli/smoke.ts', ['--report', report], {
        env: {
          API_URL: stack.apiUrl,
          WS_URL: stack.wsUrl,
          SMOKE_USER_POOL_ID: userPoolId,
          SMOKE_CLIENT_ID: smokeClientId,
          // The SDK's own endpoint override: Cognito is moto here.
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
        },
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('smoke: 9 passed, 0 failed, 0 not run');
      const written = JSON.parse(await readFile(report, 'utf8')) as {
        summary: string;
        results: SmokeResult[];
      };
      expect(written.summary).toBe('9 passed, 0 failed, 0 not run');
      expect(written.results.map((r) => r.check)).toContain('delete-user');
      expect(await usersLeft()).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
