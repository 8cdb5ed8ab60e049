import type { Context, MiddlewareHandler } from 'hono';
import type { Actor, TokenVerifier } from '../../domain/auth/actor.js';
import type { Profile } from '../../domain/profiles/profile.js';
import { actorOf, type ProfileService } from '../../domain/profiles/profile.service.js';
import { UnauthorizedError } from '../../domain/shared/errors.js';
import type { HttpEnv } from '../http-env.js';
import type { RouteAdmission } from '../routes/api-route.js';
import { bearer } from '../schemas/common.schemas.js';

const BEARER = /^Bearer +([^\s]+)\s*$/i;

/**
 * Who is calling, settled before anything reads the body; then `bodyRules` for a request that may carry
 * one. A bearer token, when sent, is verified on every route: a bad token is 401 even where none is needed,
 * so a client never mistakes a broken session for anonymous access (the profile is made on first use). An
 * anonymous request to a route that declared `signInRequired` is refused before the body rules run, so an
 * anonymous caller learns nothing but 401 from a protected route. An anonymous request (most reads) passes
 * without an async step of its own.
 */
export function admitCaller(
  verifier: TokenVerifier,
  profiles: ProfileService,
  bodyRules: MiddlewareHandler<HttpEnv>,
): RouteAdmission {
  const identify = (c: Context<HttpEnv>, header: string, current: boolean): Promise<void> =>
    verifier.verify(bearerToken(header)).then(async (identity) => {
      c.env.scope.profile = await profiles.ensure(identity, { current });
    });

  return (route, serve) => {
    const current = route.currentProfile === true;
    // The answer goes on the context, as Hono's compose puts a handler's: the body rules are Hono
    // middleware, which return what `next()` returns (the context), and their compose takes that for the
    // answer unless one is already there.
    const behindBodyRules = async (c: Context<HttpEnv>): Promise<Response> => {
      await bodyRules(c, async () => {
        c.res = await serve(c);
      });
      return c.res;
    };
    const admitted = (c: Context<HttpEnv>): Response | Promise<Response> => {
      if (route.signInRequired) requireProfile(c);
      const method = c.req.method;
      return method === 'GET' || method === 'HEAD' ? serve(c) : behindBodyRules(c);
    };
    return (c) => {
      const header = c.req.header('authorization');
      return header === undefined ? admitted(c) : identify(c, header, current).then(() => admitted(c));
    };
  };
}

/**
 * For the routes outside the API's admission (health, the OpenAPI document, the docs page): a bearer token,
 * when sent, is verified as on every API route, so a bad one is 401 there too; a good one only passes, as
 * these routes serve everyone alike (no profile is made for a probe).
 */
export function verifySentToken(verifier: TokenVerifier, c: Context<HttpEnv>): Promise<unknown> | undefined {
  const header = c.req.header('authorization');
  return header === undefined ? undefined : verifier.verify(bearerToken(header));
}

/** verifySentToken as a middleware. */
export function tokenChecked(verifier: TokenVerifier): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    await verifySentToken(verifier, c);
    await next();
  };
}

function bearerToken(header: string): string {
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new UnauthorizedError('Send the token as "Authorization: Bearer <token>".');
  return match[1];
}

/** The protected-route part of a route's declaration: documented as bearer-only and enforced first. */
export const signedIn = { security: bearer, signInRequired: true } as const;

/** The caller's profile, or 401 when the route needs one and the request had no token. */
export function requireProfile(c: Context<HttpEnv>): Profile {
  const profile = c.env.scope.profile;
  if (!profile) throw new UnauthorizedError('Sign in: this route needs "Authorization: Bearer <token>".');
  return profile;
}

/** The caller as the domain knows them, or 401. */
export function requireActor(c: Context<HttpEnv>): Actor {
  return actorOf(requireProfile(c));
}

/** The caller's user id when signed in, for routes that personalise public data. */
export function viewerId(c: Context<HttpEnv>): string | undefined {
  return c.env.scope.profile?.id;
}
