import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

/**
 * The one typed client of the REST API, shared by the web client and the operator tools (the smoke suite):
 * its paths, parameters, bodies and answers are the OpenAPI document's (schema.d.ts, `npm run gen:api`), so
 * a route that changes shape breaks their compile, not their users.
 */
export type ApiClient = Client<paths>;

/** The document's named schemas (Post, Comment, Profile...). */
export type ApiSchemas = components['schemas'];

/** The contract's error body, `{error: {code, message, details?}}`. */
export type ApiErrorBody = ApiSchemas['Error'];

export function createApiClient(options: ClientOptions): ApiClient {
  return createClient<paths>(options);
}

/** The Authorization header for a bearer token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
