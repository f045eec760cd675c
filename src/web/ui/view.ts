/**
 * What every page needs to know about its request, taken from the Hono context once so that
 * components stay plain functions of their props.
 */
import type { Context } from "hono";
import type { AppEnv, AuthUser } from "../../lib/app-env";
import { NOTICES, type NoticeKey } from "./notices";

export interface PageView {
  user?: AuthUser;
  /** This request's CSRF token, for the hidden field of every form on the page. */
  csrf: string;
  path: string;
  /** A fixed message after a redirect (?ok=…); unknown keys show nothing. */
  notice?: string;
}

export function viewOf(c: Context<AppEnv>): PageView {
  const ok = c.req.query("ok");
  return {
    user: c.get("user"),
    csrf: c.get("csrf") ?? "",
    path: c.req.path,
    notice: ok && ok in NOTICES ? NOTICES[ok as NoticeKey] : undefined,
  };
}
