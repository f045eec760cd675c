/**
 * Authentication middleware. Identity always comes from a verified access token and a fresh read of
 * the user row, so deactivation and role changes take effect on the next request, not at token expiry.
 *
 * The token comes from the Authorization header (API clients) or, when there is none, from the
 * session cookie of the web app (page scripts, which never see the token). Browsers attach cookies to
 * requests that other sites trigger, so a cookie alone authorizes only safe methods: unsafe ones also
 * need the page's CSRF token in X-CSRF-Token (see csrf.ts).
 *
 * A bearer token that starts with `uxp_` is a personal access token (features/tokens): it stands for
 * its user only where the route's scope (declared in its describe() marker) is among the token's.
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { users } from "../db/schema";
import { verifyAccessToken } from "./tokens";
import type { AppEnv, AuthUser } from "./app-env";
import { SAFE_METHODS, csrfRefused, verifyCsrf } from "./csrf";
import { auditContext } from "./audit";
import { database } from "./db";
import { isPersonalToken, verifyPersonalToken } from "./personal-tokens";
import { Problem, forbidden, unauthorized } from "./problem";
import { hit } from "./rate-limit";
import { issuedAfterRevocation } from "./revocation";
import { readSessionCookies } from "./session";

/**
 * Exactly `Bearer <token>` (RFC 6750: the scheme is case-insensitive, one or more spaces, then one
 * token of b64token characters). Anything more or less is refused rather than guessed at.
 */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` header; 401 for any other shape. */
export function bearerToken(header: string): string {
  const token = BEARER.exec(header)?.[1];
  if (!token) throw unauthorized("Use an Authorization: Bearer <token> header.");
  return token;
}

export async function userFromToken(env: Env, header: string | undefined): Promise<AuthUser | undefined> {
  if (!header) return undefined;
  return userForAccessToken(env, bearerToken(header));
}

/**
 * The active user an access token belongs to; 401 when the token or the account is not valid, or
 * when the token was issued before the user's last revocation (signing out everywhere, a password
 * change or reset, deactivation).
 */
export async function userForAccessToken(env: Env, token: string): Promise<AuthUser> {
  const { userId, issuedAt } = await verifyAccessToken(env, token);
  const row = await database(env)
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      isActive: users.isActive,
      tokensValidAfter: users.tokensValidAfter,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row?.isActive) throw unauthorized("This account no longer exists or is deactivated.");
  if (!issuedAfterRevocation(row, issuedAt))
    throw unauthorized("This access token was revoked (signed out everywhere, or the password changed).");
  const { isActive: _active, tokensValidAfter: _after, ...user } = row;
  return user;
}

/**
 * The user of the web session cookie. An expired or stale cookie counts as no cookie where signing in
 * is optional (`lenient`): visitors cannot see or remove it, so it must not break public reads.
 */
async function userFromCookie(c: Context<AppEnv>, lenient: boolean): Promise<AuthUser | undefined> {
  const { access, nonce } = readSessionCookies(c);
  if (!access) return undefined;
  let user: AuthUser;
  try {
    user = await userForAccessToken(c.env, access);
  } catch (e) {
    if (lenient && e instanceof Problem && e.status === 401) return undefined;
    throw e;
  }
  if (
    !SAFE_METHODS.has(c.req.method) &&
    !(await verifyCsrf(c.env, nonce, user.id, c.req.header("X-CSRF-Token")))
  )
    throw csrfRefused();
  return user;
}

/** Refuses a personal access token on a route its scopes do not cover (once both are known). */
export function checkTokenScope(c: Context<AppEnv>) {
  const credential = c.get("credential");
  const needed = c.get("routeScope");
  if (credential?.kind !== "token" || needed === undefined || needed === "public") return;
  if (needed === null)
    throw new Problem(403, "Personal access tokens cannot be used here; sign in instead.", {
      code: "token-not-allowed",
    });
  if (!credential.scopes.includes(needed))
    throw new Problem(403, `This token lacks the scope ${needed}.`, {
      code: "insufficient-scope",
      scope: needed,
      headers: { "WWW-Authenticate": `Bearer realm="uxprt", error="insufficient_scope", scope="${needed}"` },
    });
}

/** The user of the web session cookie alone (a page's WebSocket, which cannot send headers). */
export const sessionUser = (c: Context<AppEnv>) => userFromCookie(c, false);

async function identify(c: Context<AppEnv>, lenient: boolean): Promise<AuthUser | undefined> {
  const header = c.req.header("Authorization");
  if (!header) {
    const user = await userFromCookie(c, lenient);
    if (user) c.set("credential", { kind: "session" });
    return user;
  }
  const token = bearerToken(header);
  if (isPersonalToken(token)) {
    const { user, tokenId, scopes } = await verifyPersonalToken(
      { db: database(c.env), ctx: auditContext(c) },
      token,
    );
    c.set("credential", { kind: "token", tokenId, scopes });
    checkTokenScope(c);
    return user;
  }
  const user = await userForAccessToken(c.env, token);
  c.set("credential", { kind: "bearer" });
  return user;
}

/** Signed-in callers are identified; anonymous ones pass. A bearer token that is present must be valid. */
export const optionalUser = createMiddleware<AppEnv>(async (c, next) => {
  const user = await identify(c, true);
  if (user) c.set("user", user);
  await next();
});

/** Only signed-in, active users pass; their state-changing requests count against a write quota. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const user = await identify(c, false);
  if (!user) throw unauthorized();
  c.set("user", user);
  if (c.req.method !== "GET" && c.req.method !== "HEAD") await hit(c.env, "writesPerUser", user.id);
  await next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get("user");
  if (!user) throw unauthorized();
  // Admin work needs a signed-in session, never a long-lived token (whatever it says).
  if (c.get("credential")?.kind === "token") {
    c.set("routeScope", null);
    checkTokenScope(c);
  }
  if (user.role !== "admin") throw forbidden("Admins only.");
  await next();
});

/** The signed-in user of a route behind requireUser. */
export function currentUser(c: Context<AppEnv>): AuthUser {
  const user = c.get("user");
  if (!user) throw unauthorized();
  // Fail closed: a token reaching a handler whose route never declared its scope is refused.
  if (c.get("credential")?.kind === "token" && c.get("routeScope") === undefined) {
    c.set("routeScope", null);
    checkTokenScope(c);
  }
  return user;
}
