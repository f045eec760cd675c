/**
 * What every page needs to know about its request, taken from the Hono context once so that
 * components stay plain functions of their props.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv, AuthUser } from "../../lib/app-env";
import { NOTICES, type NoticeKey } from "./notices";

export interface PageView {
  user?: AuthUser;
  /** This request's CSRF token, for the hidden field of every form on the page. */
  csrf: string;
  path: string;
  /** A fixed message after a redirect (?ok=…); unknown keys show nothing. */
  notice?: string;
  /** The reader's choice of colours; "system" follows the device. */
  theme: Theme;
}

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
/** Not a secret and read by page.js too, so not HttpOnly; it only picks colours. */
export const THEME_COOKIE = "uxprt-theme";

export const themeOf = (raw: string | undefined): Theme =>
  (THEMES as readonly string[]).includes(raw ?? "") ? (raw as Theme) : "system";

export function viewOf(c: Context<AppEnv>): PageView {
  const ok = c.req.query("ok");
  return {
    user: c.get("user"),
    csrf: c.get("csrf") ?? "",
    path: c.req.path,
    notice: ok && ok in NOTICES ? NOTICES[ok as NoticeKey] : undefined,
    theme: themeOf(getCookie(c, THEME_COOKIE)),
  };
}
