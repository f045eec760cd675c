/**
 * Page sessions: who is signed in, refresh rotation, CSRF checks, and signing in and out.
 *
 * - `pageSession` reads the session cookies on every page request. A lapsed access cookie is renewed
 *   with the refresh cookie through the accounts service (rotation; a reused refresh token ends its
 *   whole family there), so a signed-in visitor stays signed in for the refresh token's lifetime.
 *   It also makes the request's CSRF token, for the forms and scripts of the page it renders.
 * - `csrfGuard` refuses every unsafe request to a page route that does not carry that token, in the
 *   `_csrf` form field or the X-CSRF-Token header.
 * - Tokens only ever travel in HttpOnly cookies; pages and scripts never see them.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import * as accounts from "../features/auth/service";
import type { AppEnv } from "../lib/app-env";
import { userForAccessToken } from "../lib/auth";
import { SAFE_METHODS, csrfRefused, csrfToken, verifyCsrf } from "../lib/csrf";
import { forbidden } from "../lib/problem";
import { hit } from "../lib/rate-limit";
import { clearSessionCookies, newNonce, readSessionCookies, writeSessionCookies } from "../lib/session";
import { deps } from "../lib/deps";
import { safeNext } from "./paths";

async function renewed(c: Context<AppEnv>, refreshToken: string) {
  try {
    const tokens = await accounts.refresh(deps(c), { refreshToken });
    writeSessionCookies(c, tokens);
    return await userForAccessToken(c.env, tokens.accessToken);
  } catch {
    // Spent, revoked, expired, or the account is gone: the visitor is signed out.
    clearSessionCookies(c);
    return undefined;
  }
}

export const pageSession = createMiddleware<AppEnv>(async (c, next) => {
  const jar = readSessionCookies(c);
  let user = jar.access ? await userForAccessToken(c.env, jar.access).catch(() => undefined) : undefined;
  if (!user && jar.refresh) user = await renewed(c, jar.refresh);
  if (user) c.set("user", user);
  c.set("csrf", await csrfToken(c.env, jar.nonce ?? newNonce(c), user?.id));
  await next();
});

async function presentedToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header("X-CSRF-Token");
  if (header) return header;
  const type = c.req.header("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  // Hono keeps the parsed body, so the route reads it again for free.
  const field = (await c.req.parseBody())._csrf;
  return typeof field === "string" ? field : undefined;
}

export const csrfGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const { nonce } = readSessionCookies(c);
  if (!(await verifyCsrf(c.env, nonce, c.get("user")?.id, await presentedToken(c)))) throw csrfRefused();
  await next();
});

/**
 * Pages for signed-in users send visitors to sign in first, and back here afterwards. Their writes
 * count against the same per-user quota as the API's.
 */
export const requireSignedIn = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get("user");
  if (!user) {
    const here = new URL(c.req.url);
    return c.redirect(`/signin?next=${encodeURIComponent(safeNext(here.pathname + here.search))}`, 303);
  }
  if (!SAFE_METHODS.has(c.req.method)) await hit(c.env, "writesPerUser", user.id);
  await next();
});

export const requireAdminPage = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("user")?.role !== "admin") throw forbidden("This page is for admins.");
  await next();
});

/** Starts a session: token cookies, and a new CSRF nonce so no token from before sign-in still works. */
export function startSession(c: Context<AppEnv>, tokens: { accessToken: string; refreshToken: string }) {
  writeSessionCookies(c, tokens);
  newNonce(c);
}

export async function endSession(c: Context<AppEnv>) {
  const { refresh } = readSessionCookies(c);
  if (refresh) await accounts.logout(deps(c), { refreshToken: refresh });
  clearSessionCookies(c);
  newNonce(c);
}
