/**
 * `npm run smoke -- --api URL --ws URL [--token JWT]` (or API_URL, WS_URL, SMOKE_TOKEN, as seed 001's smoke
 * tests read them): the smoke suite against any running deployment. Without either URL it targets `make local`.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { localStackUrls } from '../../local/running-stack.js';
import { smokeEnvironment } from '../../smoke/smoke-environment.js';
import { failedChecks, formatSmokeResult, summarizeSmoke } from '../../smoke/smoke-report.js';
import { runSmokeSuite } from '../../smoke/smoke-suite.js';

const USAGE = `usage: npm run smoke -- [--api URL] [--ws URL] [--token JWT]
  --api    the REST base, the stack's ApiUrl output (or API_URL; default: the local stack)
  --ws     the WebSocket URL, the stack's WebSocketURL output (or WS_URL; default: the local stack)
  --token  an ID token for the signed-in checks (or SMOKE_TOKEN; the local stack issues its own)`;

let values: { api?: string; ws?: string; token?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      api: { type: 'string' },
      ws: { type: 'string' },
      token: { type: 'string' },
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

console.log(`smoke suite against ${apiUrl} and ${wsUrl}`);
const results = await runSmokeSuite({
  apiUrl,
  wsUrl,
  ...(token ? { token } : {}),
  onResult: (result) => console.log(formatSmokeResult(result)),
});
const failed = failedChecks(results);
console.log(`smoke: ${summarizeSmoke(results)}`);
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
