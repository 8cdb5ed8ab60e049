/**
 * Lambda entry for POST /broadcast/comments, its own function so only it (and the broadcaster) may push:
 * the HTTP API route has IAM authorization, and the app refuses calls without a SigV4 caller. It serves
 * that route and nothing else.
 */
import { composeBroadcast } from '../../composition/compose-broadcast.js';
import { loadConfig } from '../../config/config.js';
import { shellHeadersFor } from '../../http/app-shell.js';
import { createBroadcastApp } from '../../http/broadcast-app.js';
import { lambdaHandler } from '../../http/lambda-handler.js';
import { instrument } from './instrument.js';

const deps = await composeBroadcast(loadConfig());

export const handler = instrument(
  deps,
  lambdaHandler(createBroadcastApp(deps), deps.logger, shellHeadersFor(deps.config)),
);
