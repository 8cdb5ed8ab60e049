/**
 * Lambda entry for the REST API: HTTP API (payload 2.0) and Function URL events, through Hono's adapter.
 * Configuration and adapters are built once per cold start, outside the handler.
 */
import { handle } from 'hono/aws-lambda';
import { compose } from '../../composition/compose.js';
import { loadConfig } from '../../config/config.js';
import { createApp } from '../../http/app.js';
import { instrument } from './instrument.js';

const deps = await compose(loadConfig());

export const handler = instrument(deps, handle(createApp(deps)));
