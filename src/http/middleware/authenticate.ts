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
  const identify = (c: Context<HttpEnv>, header: string): Promise<void> => {
    const match = BEARER.exec(header);
    if (!match?.[1]) throw new UnauthorizedError('Send the token as "Authorization: Bearer <token>".');
    return verifier.verify(match[1]).then(async (identity) => {
      c.env.scope.profile = await profiles.ensure(identity);
    });
  };

  return (route, serve) => {
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
      return header === undefined ? admitted(c) : identify(c, header).then(() => admitted(c));
    };
  };
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
