/**
 * CSRF tokens for cookie-authenticated requests (page forms, and API calls made by page scripts).
 *
 * A token is HMAC(key, nonce "." user id): the nonce is a random HttpOnly cookie (see session.ts) and
 * the key is derived from JWT_SECRET. Pages put the token in a hidden `_csrf` field or a meta tag for
 * scripts' `X-CSRF-Token` header. Another site can make the browser send our cookies but cannot read
 * them or our pages, so it cannot produce the token. Binding the user id as well means a token taken
 * from the attacker's own session is worthless in the victim's, even if a nonce cookie were planted.
 * Nothing is stored on the server.
 */
import { base64url, fromBase64url, timingSafeEqual } from "./crypto";
import { Problem } from "./problem";

/** Safe methods change nothing, so they need no token. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The user id bound into tokens of anonymous visitors (sign-in and sign-up forms). */
const ANONYMOUS = "-";

const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string | undefined): Promise<CryptoKey> {
  if (!secret) throw new Problem(503, "Forms are unavailable: the server has no JWT_SECRET.");
  let k = keys.get(secret);
  if (!k) {
    // A label of its own keeps these MACs unrelated to JWT signatures and pseudonyms made from the same secret.
    k = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(`csrf:${secret}`),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(secret, k);
  }
  return k;
}

export async function csrfToken(
  env: Pick<Env, "JWT_SECRET">,
  nonce: string,
  userId: string | undefined,
): Promise<string> {
  const data = new TextEncoder().encode(`${nonce}.${userId ?? ANONYMOUS}`);
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", await key(env.JWT_SECRET), data)));
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
