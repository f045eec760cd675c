/**
 * One error type for the whole API: RFC 9457 problem details.
 *
 * Throw a `Problem` anywhere (routes, domain functions, middleware); the app's onError
 * (src/worker/app.ts) turns it, and anything else thrown, into `application/problem+json` with
 * `toProblem` and `problemResponse`. Unknown errors are logged with the request id
 * (`reportUnhandled`) and answered as a bare 500: no stack trace ever leaves the Worker.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { type ProblemCode, problemTypeUri } from "./problem-types";

export interface FieldError {
  /** Dotted path of the offending field, e.g. `tags.2`. */
  field: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  426: "Upgrade Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** A problem type from problem-types.ts (consent types end with the purpose). */
      code?: ProblemCode | `consent-required/${string}`;
      /** The scope a personal access token lacked (insufficient-scope). */
      scope?: string;
    } = {},
  ) {
    super(detail);
  }

  get title(): string {
    return TITLES[this.status] ?? "Error";
  }
}

/** Shorthands keep call sites readable: `throw notFound("creation")`. */
export const badRequest = (detail: string, errors?: FieldError[]) => new Problem(400, detail, { errors });
export const unauthorized = (detail = "Authentication is required.") =>
  new Problem(401, detail, { headers: { "WWW-Authenticate": 'Bearer realm="uxprt"' } });
export const forbidden = (detail = "You may not do this.") => new Problem(403, detail);
export const notFound = (what: string) => new Problem(404, `No such ${what}.`);
export const conflict = (detail: string) => new Problem(409, detail);
export const unprocessable = (detail: string, errors?: FieldError[]) => new Problem(422, detail, { errors });

export function problemBody(p: Problem, instance?: string) {
  return {
    type: p.extra.code ? problemTypeUri(p.extra.code) : "about:blank",
    title: p.title,
    status: p.status,
    detail: p.detail,
    ...(instance ? { instance } : {}),
    ...(p.extra.errors?.length ? { errors: p.extra.errors } : {}),
    ...(p.extra.scope ? { scope: p.extra.scope } : {}),
  };
}

export function problemResponse(c: Context, p: Problem): Response {
  const res = c.body(JSON.stringify(problemBody(p, c.req.path)), p.status as 400, {
    "Content-Type": "application/problem+json",
  });
  for (const [k, v] of Object.entries(p.extra.headers ?? {})) res.headers.set(k, v);
  return res;
}

/** Maps whatever was thrown to a Problem; unknown errors become an opaque 500. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException) {
    // Hono raises these for malformed JSON/form bodies and for the body-size limit.
    return new Problem(err.status, err.message || TITLES[err.status] || "Error");
  }
  return new Problem(500, "Something went wrong on our side. The request id identifies it in our logs.");
}

/** Logs an unexpected error with its request id; the caller answers with an opaque 500. */
export function reportUnhandled(requestId: string | undefined, err: unknown) {
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unhandled",
      requestId,
      error: String(err),
      stack: (err as Error)?.stack,
    }),
  );
}
