/**
 * Lambda entry for POST /broadcast/comments, its own function so only it (and the broadcaster) may push:
 * the HTTP API route has IAM authorization, and the app refuses calls without a SigV4 caller.
 */
import { createApp } from '../../http/app.js';
import { lambdaHandler } from '../../http/lambda-handler.js';
import { instrument } from './instrument.js';
import { composeRealtime } from './realtime-deps.js';

const deps = await composeRealtime();

export const handler = instrument(deps, lambdaHandler(createApp(deps), deps.logger));
