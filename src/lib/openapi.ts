/**
 * OpenAPI 3.1, derived from the routes the app really mounts.
 *
 * Routes carry two kinds of markers: `describe({...})` (summary, auth, responses) and the
 * validators from validate.ts (request schemas). `buildOpenApi(app)` walks `app.routes`, groups the
 * markers by method and path, and turns the zod schemas into JSON Schema with zod's own converter.
 * Nothing is written twice, so the document cannot drift from what the API accepts.
 */
import type { Hono, MiddlewareHandler } from "hono";
import { z, type ZodType } from "zod";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env";
import { checkTokenScope } from "./auth";
import type { Scope } from "./scopes";
import { validatorSchemas } from "./validate";

export interface RouteDoc {
  summary: string;
  tag: string;
  /** "required": bearer token needed; "optional": anonymous allowed, more shown when signed in. */
  auth?: "required" | "optional" | "admin";
  /**
   * The scope a personal access token needs here. Enforced as well as documented: the marker tells
   * the auth middleware (checkTokenScope). Without one, a route that needs sign-in is closed to
   * tokens and a public one is open to them.
   */
  scope?: Scope;
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
  required: ["type", "title", "status"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    instance: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
    },
  },
};

const jsonSchema = (s: ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
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

export function buildOpenApi(app: Hono<any>, info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, any>> = {};
  for (const r of app.routes) {
    const doc = docs.get(r.handler as MiddlewareHandler);
    const validator = validatorSchemas.get(r.handler as MiddlewareHandler);
    if (!doc && !validator) continue;
    const { path, names } = openApiPath(r.path);
    const method = r.method.toLowerCase();
    const op = ((paths[path] ??= {})[method] ??= {
      parameters: names.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
    });
    if (doc) {
      op.summary = doc.summary;
      op.tags = [doc.tag];
      if (doc.auth) op.security = doc.auth === "optional" ? [{}, { bearer: [] }] : [{ bearer: [] }];
      if (doc.auth === "admin") op.description = "Admins only.";
      op.responses = Object.fromEntries(
        Object.entries(doc.responses).map(([status, res]) => [
          status,
          {
            description: res.description,
            ...(res.schema
              ? {
                  content: {
                    [res.mediaType ?? "application/json"]: { schema: jsonSchema(res.schema, "output") },
                  },
                }
              : {}),
          },
        ]),
      );
      op.responses.default = {
        description: "An error (RFC 9457 problem details).",
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      };
    }
    if (validator) {
      const schema = jsonSchema(validator.schema, "input") as {
        properties?: Record<string, any>;
        required?: string[];
      };
      if (validator.target === "json" || validator.target === "form") {
        const mediaType = validator.target === "json" ? "application/json" : "multipart/form-data";
        op.requestBody = { required: true, content: { [mediaType]: { schema } } };
      } else {
        const where = validator.target === "query" ? "query" : "path";
        const declared = Object.entries(schema.properties ?? {}).map(([name, s]) => ({
          name,
          in: where,
          required: where === "path" || (schema.required ?? []).includes(name),
          schema: s,
        }));
        op.parameters = [
          ...op.parameters.filter((p: any) => !declared.some((d) => d.name === p.name)),
          ...declared,
        ];
      }
    }
  }
  return {
    openapi: "3.1.0",
    info,
    // Paths are relative to the API base, where the app mounts them.
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Problem: ProblemSchema },
    },
  };
}
