/**
 * CSRF tokens for cookie-authenticated requests (page forms, and API calls made by page scripts).
 *
 * A token is HMAC(key, nonce "." user id): the nonce is a random HttpOnly cookie (see session.ts) and
 * the key is the CSRF key derived from JWT_SECRET (keys.ts). Pages put the token in a hidden `_csrf` field or a meta tag for
 * scripts' `X-CSRF-Token` header. Another site can make the browser send our cookies but cannot read
 * them or our pages, so it cannot produce the token. Binding the user id as well means a token taken
 * from the attacker's own session is worthless in the victim's, even if a nonce cookie were planted.
 * Nothing is stored on the server.
 */
import { base64url, fromBase64url, timingSafeEqual } from "./crypto";
import { mac } from "./keys";
import { Problem } from "./problem";

/** Safe methods change nothing, so they need no token. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The user id bound into tokens of anonymous visitors (sign-in and sign-up forms). */
const ANONYMOUS = "-";

export async function csrfToken(
  env: Pick<Env, "JWT_SECRET">,
  nonce: string,
  userId: string | undefined,
): Promise<string> {
  if (!env.JWT_SECRET) throw new Problem(503, "Forms are unavailable: the server has no JWT_SECRET.");
  return base64url(await mac(env, "csrf", `${nonce}.${userId ?? ANONYMOUS}`));
}

/** True when `presented` is the token of this nonce and user; compared in constant time. */
export async function verifyCsrf(
  env: Pick<Env, "JWT_SECRET">,
  nonce: string | undefined,
  userId: string | undefined,
  presented: string | undefined,
): Promise<boolean> {
  if (!nonce || !presented || !/^[\w-]{43}$/.test(presented)) return false;
  const expected = fromBase64url(await csrfToken(env, nonce, userId));
  return timingSafeEqual(expected, fromBase64url(presented));
}

export const csrfRefused = () =>
  new Problem(403, "This request has no valid CSRF token. Reload the page and try again.", { code: "csrf" });
