/**
 * Lambda entry for the REST API: HTTP API (payload 2.0), REST API (1.0) and Function URL events, through
 * the app's Lambda door (src/http/lambda-handler.ts), which answers without loading Node's fetch classes.
 * Configuration and adapters are built once per cold start, outside the handler.
 */
import { composeApi } from '../../composition/compose-api.js';
import { loadConfig } from '../../config/config.js';
import { createApp } from '../../http/app.js';
import { shellHeadersFor } from '../../http/app-shell.js';
import { lambdaHandler } from '../../http/lambda-handler.js';
import { instrument } from './instrument.js';

const deps = await composeApi(loadConfig());

export const handler = instrument(
  deps,
  lambdaHandler(createApp(deps), deps.logger, shellHeadersFor(deps.config)),
);
