/**
 * The web app: server-rendered pages beside the API, in the same Worker.
 *
 * Every page request passes, in order: page headers (CSP without inline script, no caching of personal
 * pages), the session (who is signed in; refresh rotation; the CSRF token), a body limit (which needs
 * the session to show a too-large upload's form again), and the CSRF guard for unsafe methods. Errors become friendly pages with the right status. The API (/api/*) and
 * the hashed assets (/assets/*) skip all of it.
 *
 * A new page group (research, say) is one more `.route()` here and one entry in the layout's navigation.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { createMiddleware } from "hono/factory";
import { MAX_UPLOAD_BYTES } from "../features/creations/routes";
import { csrfRefused, verifyCsrf } from "../lib/csrf";
import { Problem, reportUnhandled, toProblem } from "../lib/problem";
import { readSessionCookies } from "../lib/session";
import { type FormState, leadingFields } from "./forms";
import { accountPages } from "./account/routes";
import { adminPages } from "./admin/routes";
import { authPages } from "./auth/routes";
import type { AppEnv } from "../lib/app-env";
import { galleryPages, uploadFormAgain } from "./gallery/routes";
import { homePages } from "./home/routes";
import { projectPages } from "./projects/routes";
import { artifactPages } from "./artifacts/routes";
import { chatPages } from "./chat/routes";
import { sharedPages } from "./shared/routes";
import { csrfGuard, pageSession } from "./session";
import { renderErrorPage } from "./ui/errors";

/** Scripts, styles and images from this origin only: no inline script, no inline style, no plugins. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: shows the chosen image before upload.
  "img-src 'self' blob:",
  "connect-src 'self'",
  // The chat shows an artifact beside the conversation in a frame of this site's own view of it.
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** Forms are small; only the upload form carries an image. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * The artifact view when it draws Mermaid diagrams: Mermaid writes a <style> element into each SVG
 * it makes, so that page alone allows inline styles. Scripts stay 'self' only.
 */
export const DIAGRAM_PAGE_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** An error as the page that explains it (5xx are logged with the request id). */
function errorPage(err: unknown, c: Context<AppEnv>) {
  const problem = toProblem(err);
  if (problem.status >= 500) reportUnhandled(c.get("requestId"), err);
  return renderErrorPage(c, problem);
}

const pageHeaders = createMiddleware<AppEnv>(async (c, next) => {
  // What the middleware below refuses (a body too large, a missing CSRF token) becomes its page here,
  // so that page too gets the headers below: without the page CSP it could not load its stylesheet.
  try {
    await next();
  } catch (err) {
    c.res = await errorPage(err, c);
  }
  const policy = c.get("drawsDiagrams") ? DIAGRAM_PAGE_CSP : PAGE_CSP;
  c.res.headers.set(
    "Content-Security-Policy",
    c.get("framedBySelf") ? policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'") : policy,
  );
  // Pages can show personal data and carry CSRF tokens: no shared or back-button copies.
  c.res.headers.set("Cache-Control", "no-store");
});

/**
 * Upload forms shown again when what was sent is too large, filled with what was typed (the text
 * fields come before the file in the form, so at the start of the body; see leadingFields).
 */
const SHOWN_AGAIN_WHEN_TOO_LARGE: Record<
  string,
  (c: Context<AppEnv>, form: FormState) => Response | Promise<Response>
> = {
  "/gallery/new": uploadFormAgain,
};
/** Bytes of a too-large upload searched for its text fields (they come before the file). */
const LEADING_BYTES = 16 * 1024;
/**
 * The rest is read and dropped up to this size, so the browser, still sending, receives the page
 * (answered mid-upload it would show a reset connection). Bigger bodies are cut off unread.
 */
const DRAINED_BYTES = 4 * MAX_UPLOAD_BYTES;

const pageBodyLimit = createMiddleware<AppEnv>((c, next) => {
  const multipart = /^multipart\/form-data/i.test(c.req.header("Content-Type") ?? "");
  const maxSize = multipart ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES;
  return bodyLimit({
    maxSize,
    onError: async (c) => {
      const tooLarge = new Problem(413, `The form is larger than ${Math.round(maxSize / 1024)} KiB.`);
      const again = multipart && c.get("user") ? SHOWN_AGAIN_WHEN_TOO_LARGE[c.req.path] : undefined;
      // bodyLimit refuses by Content-Length before reading; a streamed body is used up by then.
      if (!again || c.req.raw.bodyUsed) throw tooLarge;
      const { _csrf: token, ...values } = await leadingFields(c.req.raw, LEADING_BYTES, DRAINED_BYTES);
      const { nonce } = readSessionCookies(c);
      if (!(await verifyCsrf(c.env, nonce, c.get("user")?.id, token))) throw csrfRefused();
      return again(c, { values, errors: {}, alert: tooLarge.detail });
    },
  })(c, next);
});

/** The access cookie lapses after 15 minutes; page scripts renew it here (pageSession does the work). */
const sessionRoutes = new Hono<AppEnv>().post("/refresh", (c) => c.body(null, c.get("user") ? 204 : 401));

export const webRoutes = new Hono<AppEnv>()
  .use("*", except(["/api/*", "/assets/*"], pageHeaders, pageSession, pageBodyLimit, csrfGuard))
  .route("/", homePages)
  .route("/", authPages)
  .route("/projects", projectPages)
  .route("/conversations", chatPages)
  .route("/artifacts", artifactPages)
  .route("/shared", sharedPages)
  .route("/gallery", galleryPages)
  .route("/account", accountPages)
  .route("/admin", adminPages)
  .route("/session", sessionRoutes)
  .onError(errorPage);
