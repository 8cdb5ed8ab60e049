import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Actor, TokenVerifier } from '../../domain/auth/actor.js';
import type { Profile } from '../../domain/profiles/profile.js';
import { actorOf, type ProfileService } from '../../domain/profiles/profile.service.js';
import { UnauthorizedError } from '../../domain/shared/errors.js';
import type { HttpEnv } from '../http-env.js';
import { bearer } from '../schemas/common.schemas.js';

const BEARER = /^Bearer +([^\s]+)\s*$/i;

/**
 * Who is calling, settled before anything reads the body; then `bodyRules` for a request that may carry
 * one. A bearer token, when sent, is verified on every route: a bad token is 401 even where none is needed,
 * so a client never mistakes a broken session for anonymous access (the profile is made on first use). An
 * anonymous request to a route that declared `signInRequired` is refused before the body rules run, so an
 * anonymous caller learns nothing but 401 from a protected route. One middleware, not three, and an
 * anonymous request (most reads) passes without an async step of its own.
 */
export function admitCaller(
  verifier: TokenVerifier,
  profiles: ProfileService,
  bodyRules: MiddlewareHandler<HttpEnv>,
): MiddlewareHandler<HttpEnv> {
  const afterIdentity: MiddlewareHandler<HttpEnv> = (c, next) => {
    const method = c.req.method;
    // A GET or HEAD has no body rules to get ahead of: the route's own signInRequired answers first.
    if (method === 'GET' || method === 'HEAD') return next();
    if (!c.get('profile')) signInGate(c);
    return bodyRules(c, next);
  };
  return (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return afterIdentity(c, next);
    const match = BEARER.exec(header);
    if (!match?.[1]) throw new UnauthorizedError('Send the token as "Authorization: Bearer <token>".');
    return verifier.verify(match[1]).then(async (identity) => {
      c.set('profile', await profiles.ensure(identity));
      return afterIdentity(c, next);
    });
  };
}

/**
 * A route's declaration that it needs a signed-in caller (`middleware: [signInRequired]` in its
 * createRoute). It runs before the route's validators, so without a token the answer is 401 whatever the
 * body; `admitCaller` also finds it among a request's matched handlers to refuse before the body rules.
 */
export const signInRequired: MiddlewareHandler<HttpEnv> = async (c, next) => {
  requireProfile(c);
  await next();
};

/** The protected-route part of a createRoute config: documented as bearer-only and enforced first. */
export const signedIn = { security: bearer, middleware: [signInRequired] };

/** 401 when any handler matched for this (anonymous) request declared `signInRequired`. */
function signInGate(c: Context<HttpEnv>): void {
  // Hono matches every handler of a request before running the first, so the route's own declaration is
  // visible here; app.route keeps sub-app handlers as they are, so identity finds it.
  if (matchedRoutes(c).some((route) => route.handler === signInRequired)) requireProfile(c);
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
