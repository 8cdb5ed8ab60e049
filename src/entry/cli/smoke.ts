/**
 * `npm run smoke -- --api URL --ws URL [--token JWT | --user-pool-id ID --smoke-client-id ID]` (or API_URL,
 * WS_URL, SMOKE_TOKEN, SMOKE_USER_POOL_ID, SMOKE_CLIENT_ID): the smoke suite against any running deployment.
 * Without either URL it targets `make local`.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { localStackUrls } from '../../local/running-stack.js';
import { smokeEnvironment } from '../../smoke/smoke-environment.js';
import { failedChecks, formatSmokeResult, summarizeSmoke } from '../../smoke/smoke-report.js';
import { runSmokeSuite } from '../../smoke/smoke-suite.js';

const USAGE = `usage: npm run smoke -- [--api URL] [--ws URL] [--token JWT | --user-pool-id ID --smoke-client-id ID]
                              [--writes | --read-only]
  --api              the REST base, the stack's ApiUrl output (or API_URL; default: the local stack)
  --ws               the WebSocket URL, the stack's WebSocketURL output (or WS_URL; default: the local stack)
  --token            an ID token for the signed-in checks (or SMOKE_TOKEN; the local stack issues its own)
  --user-pool-id     a managed pool (UserPoolId output, or SMOKE_USER_POOL_ID): sign in as a throwaway user,
  --smoke-client-id  through this client (SmokeClientId output, or SMOKE_CLIENT_ID); needs AWS credentials
  --writes           run the checks that write even in production (read-only there by default)
  --read-only        run only the checks that change nothing
  --report FILE      also write the results as JSON (the deploy workflow's pull-request comment reads it)`;

let values: {
  api?: string;
  ws?: string;
  token?: string;
  'user-pool-id'?: string;
  'smoke-client-id'?: string;
  writes?: boolean;
  'read-only'?: boolean;
  report?: string;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      api: { type: 'string' },
      ws: { type: 'string' },
      token: { type: 'string' },
      'user-pool-id': { type: 'string' },
      'smoke-client-id': { type: 'string' },
      writes: { type: 'boolean' },
      'read-only': { type: 'boolean' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const fromEnv = smokeEnvironment(process.env);
// The running local stack, looked up only when a URL is not given (so a stray app variable cannot stop a
// remote run).
const remote = Boolean((values.api ?? fromEnv.apiUrl) && (values.ws ?? fromEnv.wsUrl));
const local = remote ? undefined : await localStackUrls(loadConfig());
const apiUrl = values.api ?? fromEnv.apiUrl ?? local?.apiUrl ?? '';
const wsUrl = values.ws ?? fromEnv.wsUrl ?? local?.wsUrl ?? '';
const token = values.token ?? fromEnv.token;
const userPoolId = values['user-pool-id'] ?? fromEnv.userPoolId;
const smokeClientId = values['smoke-client-id'] ?? fromEnv.smokeClientId;
if (Boolean(userPoolId) !== Boolean(smokeClientId) || (values.writes && values['read-only'])) {
  console.error(
    `--user-pool-id and --smoke-client-id go together; --writes and --read-only do not.\n\n${USAGE}`,
  );
  process.exit(2);
}
// The SDK is loaded only for a managed pool's run, and takes the region from the pool id.
const signIn =
  userPoolId && smokeClientId
    ? await (async () => {
        const { CognitoIdentityProviderClient } = await import('@aws-sdk/client-cognito-identity-provider');
        const { cognitoSmokeUser } = await import('../../smoke/cognito-smoke-user.js');
        const client = new CognitoIdentityProviderClient({ region: userPoolId.split('_')[0] });
        return cognitoSmokeUser({ client, userPoolId, clientId: smokeClientId });
      })()
    : undefined;
const readOnly = values.writes ? false : values['read-only'] ? true : undefined;

// Nothing listening locally is a stack not started, not eight failed checks.
if (
  local &&
  !(await fetch(`${apiUrl}/api/health`).then(
    () => true,
    () => false,
  ))
) {
  console.error(
    `No local stack answers at ${apiUrl}. Start it with \`make local\`, then run \`make smoke\` again.`,
  );
  process.exit(1);
}
console.log(`smoke suite against ${apiUrl} and ${wsUrl}`);
const results = await runSmokeSuite({
  apiUrl,
  wsUrl,
  ...(token ? { token } : {}),
  ...(signIn ? { signIn } : {}),
  ...(readOnly === undefined ? {} : { readOnly }),
  onResult: (result) => console.log(formatSmokeResult(result)),
});
const failed = failedChecks(results);
console.log(`smoke: ${summarizeSmoke(results)}`);
if (values.report) {
  await writeFile(
    values.report,
    `${JSON.stringify({ summary: summarizeSmoke(results), results }, null, 2)}\n`,
  );
}
if (failed.length > 0) {
  console.error(
    `✗ smoke failed: ${failed.join(', ')}. The lines above say what each saw; ${
      local
        ? 'the make local terminal logs every request.'
        : "check the deployment's logs (npm run logs -- --env <env>)."
    }`,
  );
  process.exitCode = 1;
}
