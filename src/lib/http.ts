/**
 * Cross-cutting HTTP behaviour: request ids, JSON logs of failed and slow requests, security headers
 * and CORS from the configured allow-list.
 *
 * Every request is already recorded by the platform (Workers Logs invocation logs, `wrangler tail`,
 * wrangler dev's own request lines), so the Worker adds a line only where there is more to say: a
 * failed (status >= 400) or slow request, with its request id, which the client also gets as
 * X-Request-Id. A line per request doubled the log volume and cost the cheapest routes about a tenth
 * of their CPU (docs/PERFORMANCE.md). Lines carry method, path, status and timing only: never bodies,
 * tokens or query strings (reset links carry tokens), and path segments long enough to be tokens
 * (share links) are redacted. Ids (26-character ULIDs) stay, so requests can still be traced.
 */
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env";
import { addressPseudonym } from "./pseudonym";
import { clientAddress } from "./rate-limit";

/** A request that takes this long is logged even when it succeeds. */
const SLOW_REQUEST_MS = 1_000;

const redacted = (path: string) => path.replace(/[\w-]{32,}/g, ":redacted");

export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("X-Request-Id");
  const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  c.set("client", await addressPseudonym(c.env, clientAddress(c.req.raw)));
  const started = Date.now();
  await next();
  // Straight onto the response's headers: `c.header` after the handler would copy the Response.
  c.res.headers.set("X-Request-Id", requestId);
  const { status } = c.res;
  const ms = Date.now() - started;
  if (status >= 400 || ms >= SLOW_REQUEST_MS) {
    const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
    console.log(
      JSON.stringify({
        level,
        msg: "request",
        requestId,
        method: c.req.method,
        path: redacted(c.req.path),
        status,
        ms,
      }),
    );
  }
});

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  h.set("X-Content-Type-Options", "nosniff");
  // A page may ask for less (the password-reset page, whose address holds a token).
  if (!h.has("Referrer-Policy")) h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  if (!h.has("Content-Security-Policy")) {
    h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  }
});

export const corsFromConfig = createMiddleware<AppEnv>((c, next) => {
  const allowed = new Set(
    c.env.CORS_ORIGINS.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  );
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowHeaders: ["Authorization", "Content-Type", "X-Request-Id", "X-D1-Bookmark"],
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "ETag", "X-D1-Bookmark"],
    maxAge: 600,
  })(c, next);
});
