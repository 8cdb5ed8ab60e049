import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Actor, TokenVerifier } from '../../domain/auth/actor.js';
import type { Profile } from '../../domain/profiles/profile.js';
import { actorOf, type ProfileService } from '../../domain/profiles/profile.service.js';
import { UnauthorizedError } from '../../domain/shared/errors.js';
import type { HttpEnv } from '../http-env.js';
import { bearer } from '../schemas/common.schemas.js';

/**
 * Verifies a bearer token when one is sent, on every route: a bad token is 401 even where none is needed,
 * so a client never mistakes a broken session for anonymous access. The profile is made on first use.
 */
export function authenticate(verifier: TokenVerifier, profiles: ProfileService): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer +([^\s]+)\s*$/i.exec(header);
      if (!match?.[1]) throw new UnauthorizedError('Send the token as "Authorization: Bearer <token>".');
      const identity = await verifier.verify(match[1]);
      c.set('profile', await profiles.ensure(identity));
    }
    await next();
  };
}

/**
 * A route's declaration that it needs a signed-in caller (`middleware: [signInRequired]` in its
 * createRoute). It runs before the route's validators, so without a token the answer is 401 whatever the
 * body; `signInGate` also finds it among a request's matched handlers to refuse before the body rules.
 */
export const signInRequired: MiddlewareHandler<HttpEnv> = async (c, next) => {
  requireProfile(c);
  await next();
};

/** The protected-route part of a createRoute config: documented as bearer-only and enforced first. */
export const signedIn = { security: bearer, middleware: [signInRequired] };

/**
 * App-level: refuses an anonymous request to a route that declared `signInRequired` before the body size
 * and media type rules run, so an anonymous caller learns nothing but 401 from a protected route.
 */
export function signInGate(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    // Hono matches every handler of a request before running the first, so the route's own declaration is
    // visible here; app.route keeps sub-app handlers as they are, so identity finds it.
    if (matchedRoutes(c).some((route) => route.handler === signInRequired)) requireProfile(c);
    await next();
  };
}

/** The caller's profile, or 401 when the route needs one and the request had no token. */
export function requireProfile(c: Context<HttpEnv>): Profile {
  const profile = c.get('profile');
  if (!profile) throw new UnauthorizedError('Sign in: this route needs "Authorization: Bearer <token>".');
  return profile;
}

/** The caller as the domain knows them, or 401. */
export function requireActor(c: Context<HttpEnv>): Actor {
  return actorOf(requireProfile(c));
}

/** The caller's user id when signed in, for routes that personalise public data. */
export function viewerId(c: Context<HttpEnv>): string | undefined {
  return c.get('profile')?.id;
}
