import { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { handleError } from '../handle-error.js';
import type { HttpEnv } from '../http-env.js';
import { idempotencyHeaders, idParam, listQuery } from '../schemas/common.schemas.js';
import { defineRoute, type RouteAdmission, serveRoute } from './api-route.js';

const note = z.strictObject({ text: z.string().check(z.minLength(1), z.maxLength(10)) });

const edit = defineRoute({
  method: 'patch',
  path: '/notes/{id}',
  summary: 'Edit a note',
  request: {
    params: z.object({ id: idParam }),
    query: listQuery,
    headers: idempotencyHeaders,
    body: { schema: note, example: { text: 'hi' } },
  },
  responses: {},
});

const create = defineRoute({
  method: 'post',
  path: '/notes',
  summary: 'Create a note',
  request: { body: { schema: note, example: { text: 'hi' }, required: true } },
  responses: {},
});

/** A route served as the API serves its own: what the handler read, or the contract's error answer. */
function notesApp(): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  serveRoute(app, edit, (c) =>
    c.json({
      id: c.req.valid('param').id,
      limit: c.req.valid('query').limit,
      key: c.req.valid('header')['idempotency-key'] ?? null,
      body: c.req.valid('json'),
    }),
  );
  serveRoute(app, create, (c) => c.json(c.req.valid('json'), 201));
  app.onError((error, c) => handleError(error, c, new Logger({ logLevel: 'SILENT' })));
  return app;
}

const send = (path: string, init: { method?: string; type?: string; body?: string; headers?: object } = {}) =>
  notesApp().request(path, {
    method: init.method ?? 'PATCH',
    headers: { ...(init.type ? { 'content-type': init.type } : {}), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });

describe('serveRoute', () => {
  it('hands the handler each declared part as its schema parsed it (defaults applied, headers in any case)', async () => {
    const answer = await send('/notes/n1', {
      type: 'application/json; charset=utf-8',
      body: '{"text":"hello"}',
      headers: { 'Idempotency-Key': 'k-1' },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: 'n1', limit: 20, key: 'k-1', body: { text: 'hello' } });
  });

  it('checks the parts in order (query, path, headers, body) and answers the first bad one with its fields', async () => {
    const answer = await send('/notes/bad%20id?limit=0', { type: 'application/json', body: '{"text":""}' });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toEqual({
      error: {
        code: 'validation_error',
        message: 'The request has invalid fields.',
        details: [{ field: 'limit', message: 'Must be a whole number from 1 to 100, in decimal digits' }],
      },
    });
    // Not a number at all: the same words, not zod's "received NaN".
    const words = await send('/notes/n1?limit=abc');
    expect(((await words.json()) as { error: { details: unknown } }).error.details).toEqual([
      { field: 'limit', message: 'Must be a whole number from 1 to 100, in decimal digits' },
    ]);
    const repeated = await send('/notes/n1?limit=5&limit=6');
    expect(((await repeated.json()) as { error: { details: { field: string }[] } }).error.details).toEqual([
      expect.objectContaining({ field: 'limit' }),
    ]);
  });

  it('answers a path id that breaks the id rules with 404, as a resource that is not there', async () => {
    const answer = await send('/notes/bad%20id', { type: 'application/json', body: '{"text":"hi"}' });
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('refuses a body that is not JSON, or JSON with a malformed media-type parameter, with 415', async () => {
    for (const type of ['text/plain', 'application/json;charset', 'multipart/form-data']) {
      const answer = await send('/notes/n1', { type, body: '{"text":"hi"}' });
      expect(answer.status, type).toBe(415);
      expect(await answer.json()).toEqual({
        error: { code: 'unsupported_media_type', message: 'Unsupported Media Type' },
      });
    }
    const untyped = await send('/notes/n1', { body: '{"text":"hi"}' });
    expect(untyped.status).toBe(415);
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const answer = await send('/notes/n1', { type: 'application/json', body: '{"text":' });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: { code: 'bad_request', message: 'The request body is not valid JSON.' },
    });
  });

  it('lets an optional body be left out (the handler gets {}), and validates a required one as {}', async () => {
    const optional = await send('/notes/n1');
    expect(optional.status).toBe(200);
    expect(((await optional.json()) as { body: unknown }).body).toEqual({});
    const required = await send('/notes', { method: 'POST' });
    expect(required.status).toBe(422);
    expect(await required.json()).toMatchObject({
      error: { details: [{ field: 'text', message: 'Invalid input: expected string, received undefined' }] },
    });
  });

  it('refuses, when the app is built, a route that needs sign-in but is served behind no admission', async () => {
    const guarded = defineRoute({ ...create, signInRequired: true });
    expect(() => serveRoute(new Hono<HttpEnv>(), guarded, (c) => c.json({}, 201))).toThrow(/admission/);

    const admitted: (true | undefined)[] = [];
    const admit: RouteAdmission = (route, serve) => (c) => {
      admitted.push(route.signInRequired);
      return serve(c);
    };
    const app = new Hono<HttpEnv>();
    serveRoute({ app, admit }, guarded, (c) => c.json(c.req.valid('json'), 201));
    const answer = await app.request('/notes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"a"}',
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ text: 'a' });
    expect(admitted).toEqual([true]);
  });
});
