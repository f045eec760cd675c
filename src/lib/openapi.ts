/**
 * OpenAPI 3.1, derived from the routes the app really mounts.
 *
 * Routes carry two kinds of markers: `describe({...})` (summary, auth, scope, responses) and the
 * validators from validate.ts (request schemas). `buildOpenApi(app)` walks `app.routes`, groups the
 * markers by method and path, and turns the zod schemas into JSON Schema with zod's own converter.
 * Nothing is written twice, so the document cannot drift from what the API accepts. From the same
 * markers it derives what each operation also needs: an operationId, its security (session cookie,
 * bearer access token, personal access token with its scope), the problem+json errors it can
 * answer, and request and response examples (openapi-examples.ts).
 *
 * Why not @hono/zod-openapi or hono-openapi: both want every route rewritten in their style (~70
 * routes across ten features, plus other engineers' routes in flight), while these markers already
 * sit on every route and the scope in them is enforced at run time; extending this generator gave
 * the same document for a fraction of the change.
 */
import type { Hono, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { z, type ZodType } from "zod";
import type { AppEnv } from "./app-env";
import { checkTokenScope } from "./auth";
import { exampleOf } from "./openapi-examples";
import { GENERIC_STATUSES, PROBLEM_TYPES, problemTypeUri } from "./problem-types";
import { SCOPES, type Scope } from "./scopes";
import { validatorSchemas } from "./validate";

export interface RouteDoc {
  summary: string;
  tag: string;
  /** "required": sign-in needed; "optional": anonymous allowed, more shown when signed in. */
  auth?: "required" | "optional" | "admin";
  /**
   * The scope a personal access token needs here. Enforced as well as documented: the marker tells
   * the auth middleware (checkTokenScope). Without one, a route that needs sign-in is closed to
   * tokens and a public one is open to them.
   */
  scope?: Scope;
  /** Overrides the operationId derived from the method and path. */
  operationId?: string;
  responses: Record<number, { description: string; schema?: ZodType; mediaType?: string }>;
}

const docs = new WeakMap<MiddlewareHandler, RouteDoc>();

export function describe(doc: RouteDoc): MiddlewareHandler {
  const routeScope = doc.scope ?? (doc.auth === "required" || doc.auth === "admin" ? null : "public");
  const mw = createMiddleware<AppEnv>((c, next) => {
    c.set("routeScope", routeScope);
    checkTokenScope(c);
    return next();
  });
  docs.set(mw, doc);
  return mw;
}

const ProblemSchema = {
  type: "object",
  description: "RFC 9457 problem details: the one error shape of the API.",
  required: ["type", "title", "status"],
  properties: {
    type: {
      type: "string",
      description: `about:blank, or one of the problem types (${Object.keys(PROBLEM_TYPES)
        .map(problemTypeUri)
        .join(", ")})`,
    },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string", description: "The request path" },
    scope: { type: "string", description: "insufficient-scope: the scope the token lacks" },
    errors: { type: "array", items: { $ref: "#/components/schemas/FieldError" } },
  },
};
const FieldErrorSchema = {
  type: "object",
  required: ["field", "message"],
  properties: {
    field: { type: "string", description: "Dotted path of the field, e.g. tags.2" },
    message: { type: "string" },
  },
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

type Json = Record<string, any>;

const jsonSchema = (s: ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;
  return rest;
};

/** `/creations/:id` → `/creations/{id}` and the names of its path parameters. */
function openApiPath(path: string) {
  const names: string[] = [];
  const p = path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, (_m, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return { path: p, names };
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

/** `get /projects/{id}/artifacts` → `getProjectsByIdArtifacts`: predictable and unique by construction. */
export function operationIdOf(method: string, path: string) {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((seg) => (seg.startsWith("{") ? `By${pascal(seg)}` : pascal(seg)));
  return method + (parts.join("") || "Root");
}

/** What a problem response of `status` looks like, with an example. */
function problemResponse(status: number, description: string, example: Json) {
  return {
    description,
    content: {
      "application/problem+json": {
        schema: { $ref: "#/components/schemas/Problem" },
        example: { type: "about:blank", title: TITLES[status] ?? "Error", status, ...example },
      },
    },
  };
}

export interface OpenApiOptions {
  /**
   * Modules of zod schemas (`import * as schemas from ".../schemas"`): a schema exported under a
   * name becomes a named component (`#/components/schemas/<name>`) wherever an operation uses it.
   */
  schemaModules?: Record<string, unknown>[];
}

export function buildOpenApi(
  app: Hono<any>,
  info: { title: string; version: string; description: string },
  options: OpenApiOptions = {},
) {
  const names = new Map<unknown, string>();
  for (const mod of options.schemaModules ?? [])
    for (const [name, value] of Object.entries(mod))
      if (value instanceof z.ZodType && !names.has(value)) names.set(value, name);

  const components: Record<string, Json> = { Problem: ProblemSchema, FieldError: FieldErrorSchema };
  /** A schema as JSON Schema: a $ref to its component when it has a name, inline otherwise. */
  const schemaRef = (s: ZodType, io: "input" | "output", fallback?: string): Json => {
    const base = names.get(s) ?? fallback;
    if (!base) return jsonSchema(s, io);
    let name = base;
    const converted = jsonSchema(s, io);
    // One name, one shape: a schema whose input and output differ (defaults) gets a second name.
    if (components[name] && JSON.stringify(components[name]) !== JSON.stringify(converted))
      name = `${base}${io === "input" ? "Input" : "Output"}`;
    components[name] ??= converted;
    return { $ref: `#/components/schemas/${name}` };
  };
  const resolve = (ref: string) => components[ref.replace("#/components/schemas/", "")];

  const paths: Record<string, Record<string, any>> = {};
  const bodies = new Map<any, { target: string }>();
  for (const r of app.routes) {
    const doc = docs.get(r.handler as MiddlewareHandler);
    const validator = validatorSchemas.get(r.handler as MiddlewareHandler);
    if (!doc && !validator) continue;
    const { path, names: pathNames } = openApiPath(r.path);
    const method = r.method.toLowerCase();
    const op = ((paths[path] ??= {})[method] ??= {
      operationId: operationIdOf(method, path),
      parameters: pathNames.map((name) => ({
        name,
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
    });
    if (doc) {
      if (doc.operationId) op.operationId = doc.operationId;
      op.summary = doc.summary;
      op.tags = [doc.tag];
      op["x-auth"] = doc.auth ?? "none";
      if (doc.scope) op["x-scope"] = doc.scope;
      op.responses = Object.fromEntries(
        Object.entries(doc.responses).map(([status, res]) => {
          if (Number(status) >= 400) return [status, problemResponse(Number(status), res.description, {})];
          if (!res.schema) return [status, { description: res.description }];
          const schema = schemaRef(res.schema, "output", `${pascal(op.operationId)}Response`);
          const mediaType = res.mediaType ?? "application/json";
          return [
            status,
            {
              description: res.description,
              content: {
                [mediaType]: {
                  schema,
                  ...(mediaType.includes("json") ? { example: exampleOf(schema, resolve) } : {}),
                },
              },
            },
          ];
        }),
      );
    }
    if (validator) {
      if (validator.target === "json" || validator.target === "form") {
        const mediaType = validator.target === "json" ? "application/json" : "multipart/form-data";
        const schema = schemaRef(validator.schema, "input", `${pascal(op.operationId)}Body`);
        op.requestBody = {
          required: true,
          content: {
            [mediaType]: {
              schema,
              ...(mediaType.includes("json") ? { example: exampleOf(schema, resolve) } : {}),
            },
          },
        };
        bodies.set(op, { target: validator.target });
      } else {
        const schema = jsonSchema(validator.schema, "input") as { properties?: Json; required?: string[] };
        const where = validator.target === "query" ? "query" : "path";
        const declared = Object.entries(schema.properties ?? {}).map(([name, s]) => ({
          name,
          in: where,
          required: where === "path" || (schema.required ?? []).includes(name),
          schema: s,
          ...(s.description ? { description: s.description } : {}),
          example: exampleOf(s, resolve, name),
        }));
        op.parameters = [
          ...op.parameters.filter((p: any) => !declared.some((d) => d.name === p.name)),
          ...declared,
        ];
      }
      (op["x-validates"] ??= []).push(validator.target);
    }
  }

  // What every operation can also answer, from what it takes and who may call it.
  for (const ops of Object.values(paths))
    for (const op of Object.values(ops)) {
      const auth: string = op["x-auth"] ?? "none";
      const scope: Scope | undefined = op["x-scope"];
      const validates: string[] = op["x-validates"] ?? [];
      delete op["x-auth"];
      delete op["x-validates"];
      op.responses ??= {};
      const add = (status: number, example: Json = {}) => {
        op.responses[status] ??= problemResponse(status, GENERIC_STATUSES[status as 400], example);
      };
      if (bodies.has(op)) {
        add(400, { detail: "Malformed JSON in request body" });
        add(413, { detail: "The request body is larger than 65536 bytes." });
        add(415, { detail: "Send the body as application/json." });
      }
      if (validates.length)
        add(422, {
          detail: "The request has invalid fields.",
          errors: [{ field: "name", message: "Required" }],
        });
      if (op.parameters.some((p: any) => p.in === "path")) add(404, { detail: "No such resource." });
      if (auth !== "none") add(401, { detail: "Authentication is required." });
      if (auth === "required" || auth === "admin") {
        op.responses[403] ??= problemResponse(
          403,
          scope
            ? `Not allowed, or a personal access token without the scope ${scope} (type …/insufficient-scope).`
            : "Not allowed; personal access tokens cannot be used here (type …/token-not-allowed).",
          scope
            ? {
                type: problemTypeUri("insufficient-scope"),
                detail: `This token lacks the scope ${scope}.`,
                scope,
              }
            : {
                type: problemTypeUri("token-not-allowed"),
                detail: "Personal access tokens cannot be used here; sign in instead.",
              },
        );
        add(429, { detail: "Too many requests; try again later." });
      }
      op.responses.default = problemResponse(500, "Any other error (RFC 9457 problem details).", {
        detail: "Something went wrong on our side. The request id identifies it in our logs.",
      });
      if (auth === "required" || auth === "admin") {
        op.security = [
          { sessionCookie: [] },
          { bearerAuth: [] },
          ...(scope ? [{ personalAccessToken: [scope] }] : []),
        ];
        if (auth === "admin") op.description = "Admins only, signed in (personal access tokens are refused).";
        else if (!scope) op.description = "Needs a signed-in session; personal access tokens are refused.";
        else op.description = `A personal access token needs the scope \`${scope}\`.`;
      } else if (auth === "optional")
        op.security = [{}, { sessionCookie: [] }, { bearerAuth: [] }, { personalAccessToken: [] }];
      if (!op.parameters.length) delete op.parameters;
    }

  const tags = [
    ...new Set(Object.values(paths).flatMap((ops) => Object.values(ops).map((o: any) => o.tags?.[0]))),
  ]
    .filter(Boolean)
    .sort()
    .map((name) => ({ name }));

  return {
    openapi: "3.1.0",
    info,
    // Paths are relative to the API base, where the app mounts them.
    servers: [{ url: "/api/v1" }],
    tags,
    paths,
    components: {
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "__Host-uxprt-at",
          description:
            "The web app's session (HttpOnly cookie). Unsafe methods also need the page's CSRF token in X-CSRF-Token.",
        },
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A 15-minute access token from POST /auth/login or /auth/refresh.",
        },
        personalAccessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "uxp_…",
          description: `A personal access token (GET/POST /tokens; the account page), limited to its scopes: ${Object.entries(
            SCOPES,
          )
            .map(([s, what]) => `\`${s}\`: ${what}`)
            .join(" ")}`,
        },
      },
      schemas: components,
    },
    "x-problem-types": Object.entries(PROBLEM_TYPES).map(([code, t]) => ({
      type: problemTypeUri(code),
      status: t.status,
      meaning: t.meaning,
    })),
  };
}
