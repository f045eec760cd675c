/**
 * Browser sessions in cookies: the access token, the refresh token, the CSRF nonce, and the D1
 * bookmark that gives a browser read-your-writes (lib/d1-session.ts).
 *
 * - All three are HttpOnly, so page scripts never see a token; SameSite=Lax, so other sites' forms
 *   and scripts do not send them (links followed to us still do, for GET only).
 * - Names carry the `__Host-` prefix, which browsers accept only with Secure, Path=/ and no Domain:
 *   no subdomain and no plain-http page can plant or overwrite them. The one exception is plain http
 *   on a loopback address during local development (`npm start`), which has no TLS to be Secure on.
 * - Each cookie lives as long as what it holds: the access cookie dies with its JWT (15 minutes), the
 *   refresh cookie with its refresh token.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_MS } from "./tokens";
import { randomToken } from "./crypto";

type Kind = "access" | "refresh" | "nonce" | "bookmark";
const BASE_NAMES: Record<Kind, string> = {
  access: "uxprt-at",
  refresh: "uxprt-rt",
  nonce: "uxprt-csrf",
  bookmark: "uxprt-d1",
};
const LIFETIMES: Record<Kind, number> = {
  access: ACCESS_TOKEN_TTL_SECONDS,
  refresh: REFRESH_TOKEN_TTL_MS / 1000,
  nonce: REFRESH_TOKEN_TTL_MS / 1000,
  // Replicas catch up within seconds; an hour covers any tab left open after a write.
  bookmark: 3600,
};
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for http://127.0.0.1, http://localhost and http://[::1]: local development without TLS. */
export function isLocalHttp(url: string): boolean {
  const u = new URL(url);
  return u.protocol === "http:" && LOOPBACK.has(u.hostname);
}

export function cookieName(url: string, kind: Kind): string {
  return (isLocalHttp(url) ? "" : "__Host-") + BASE_NAMES[kind];
}

export interface SessionCookies {
  access?: string;
  refresh?: string;
  nonce?: string;
}

export function readSessionCookies(c: Context): SessionCookies {
  const read = (kind: Kind) => getCookie(c, cookieName(c.req.url, kind)) || undefined;
  return { access: read("access"), refresh: read("refresh"), nonce: read("nonce") };
}

/** The D1 bookmark a browser sent back, if any. */
export const readBookmarkCookie = (c: Context) =>
  getCookie(c, cookieName(c.req.url, "bookmark")) || undefined;
export const writeBookmarkCookie = (c: Context, bookmark: string) => write(c, "bookmark", bookmark);

function write(c: Context, kind: Kind, value: string, maxAge = LIFETIMES[kind]) {
  setCookie(c, cookieName(c.req.url, kind), value, {
    httpOnly: true,
    secure: !isLocalHttp(c.req.url),
    sameSite: "Lax",
    path: "/",
    maxAge,
  });
}

export function writeSessionCookies(c: Context, tokens: { accessToken: string; refreshToken: string }) {
  write(c, "access", tokens.accessToken);
  write(c, "refresh", tokens.refreshToken);
}

export function clearSessionCookies(c: Context) {
  write(c, "access", "", 0);
  write(c, "refresh", "", 0);
}

/** A fresh CSRF nonce, set as a cookie; tokens made for the previous one stop working. */
export function newNonce(c: Context): string {
  const nonce = randomToken();
  write(c, "nonce", nonce);
  return nonce;
}
