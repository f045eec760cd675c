import { validate } from "@hyperjump/json-schema/openapi-3-1";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { api } from "../../../test/helpers";
import { problemTypeUri } from "../../lib/problem-types";

type Op = {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: any; example?: unknown }> };
  parameters?: { name: string; in: string }[];
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: any; example?: unknown }> }
  >;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, any>; securitySchemes: Record<string, any> };
};

const load = async () => (await (await api("/openapi.json")).json()) as Doc;
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
const resolve = (doc: Doc, schema: any) =>
  schema?.$ref ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")] : schema;

describe("OpenAPI document", () => {
  it("passes the OpenAPI 3.1 schema (its JSON Schemas checked against the OAS dialect)", async () => {
    const doc = await load();
    const result = (await validate(
      "https://spec.openapis.org/oas/3.1/schema-base",
      doc as never,
      "BASIC",
    )) as {
      valid: boolean;
      errors?: unknown[];
    };
    expect(result.errors?.slice(0, 5) ?? [], JSON.stringify(result.errors?.slice(0, 5))).toEqual([]);
    expect(result.valid).toBe(true);
    // And the validator is not a rubber stamp: a broken document fails.
    const broken = structuredClone(doc) as any;
    broken.paths["/health"].get.responses = { 200: { content: {} } };
    expect((await validate("https://spec.openapis.org/oas/3.1/schema-base", broken)).valid).toBe(false);
  });

  it("is OpenAPI 3.1 and documents every API route the app mounts", async () => {
    const doc = await load();
    expect(doc.openapi).toBe("3.1.0");
    const mounted = new Set(
      app.routes
        .filter(
          (r) =>
            r.path.startsWith("/api/v1/") &&
            r.method !== "ALL" &&
            !r.path.endsWith("/openapi.json") &&
            !r.path.endsWith("/docs"),
        )
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace("/api/v1", "").replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set(
      operations(doc).map(({ method, path }) => `${method} ${path.replace(/\/$/, "")}`),
    );
    for (const route of mounted) expect(documented, route).toContain(route.replace(/\/$/, ""));
  });

  it("gives every operation an operationId, summary, tag, examples, its problems and its security", async () => {
    const doc = await load();
    const ids = new Set<string>();
    for (const { path, method, op } of operations(doc)) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, where).toBeTruthy();
      expect(op.tags?.length, where).toBe(1);
      expect(op.responses.default?.content?.["application/problem+json"], where).toBeDefined();
      for (const [status, res] of Object.entries(op.responses)) {
        if (status === "default" || Number(status) < 400) continue;
        expect(res.content?.["application/problem+json"]?.example, `${where} ${status}`).toMatchObject({
          status: Number(status),
        });
      }
      const json = op.requestBody?.content["application/json"];
      if (json) {
        expect(json.example, `${where} request example`).toBeDefined();
        expect(op.responses[422], `${where} 422`).toBeDefined();
        expect(op.responses[415], `${where} 415`).toBeDefined();
      }
      for (const [status, res] of Object.entries(op.responses))
        if (Number(status) < 300 && res.content?.["application/json"])
          expect(res.content["application/json"].example, `${where} ${status} example`).toBeDefined();
      if (op.parameters?.some((p) => p.in === "path"))
        expect(op.responses[404], `${where} 404`).toBeDefined();
    }
    expect(ids.size).toBeGreaterThan(60);
  });

  it("names component schemas and says which credentials and scopes each operation takes", async () => {
    const doc = await load();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "Problem",
        "Project",
        "ProjectPage",
        "EditBody",
        "CreateTokenBody",
        "AccessToken",
      ]),
    );
    expect(Object.keys(doc.components.securitySchemes)).toEqual([
      "sessionCookie",
      "bearerAuth",
      "personalAccessToken",
    ]);
    const edit = doc.paths["/artifacts/{id}"]!.put!;
    expect(edit.security).toEqual([
      { sessionCookie: [] },
      { bearerAuth: [] },
      { personalAccessToken: ["write:artifacts"] },
    ]);
    expect(edit.requestBody!.content["application/json"]!.schema).toEqual({
      $ref: "#/components/schemas/EditBody",
    });
    expect(edit.responses[403]!.content!["application/problem+json"]!.example).toMatchObject({
      type: problemTypeUri("insufficient-scope"),
      scope: "write:artifacts",
    });
    // Token management is closed to tokens: no personalAccessToken alternative.
    expect(doc.paths["/tokens"]!.post!.security).toEqual([{ sessionCookie: [] }, { bearerAuth: [] }]);
    expect(doc.paths["/auth/login"]!.post!.security).toBeUndefined();
  });

  it("takes request schemas from the validators themselves", async () => {
    const doc = await load();
    const body = (path: string, method: string, type = "application/json") =>
      resolve(doc, doc.paths[path]![method]!.requestBody!.content[type]!.schema);
    const register = body("/auth/register", "post");
    expect(register.required).toEqual(expect.arrayContaining(["email", "password", "displayName"]));
    expect(register.properties.password).toMatchObject({ minLength: 8, maxLength: 128 });
    expect(body("/creations/{id}/score", "put").properties.creativity).toMatchObject({
      minimum: 1,
      maximum: 10,
    });
    expect(doc.paths["/creations"]!.post!.requestBody!.content["multipart/form-data"]).toBeDefined();
    const list = doc.paths["/creations"]!.get!.parameters!.map((p) => p.name);
    expect(list).toEqual(expect.arrayContaining(["tag", "owner", "sort", "cursor", "limit"]));
  });

  it("has a readable reference page showing every operation with its examples, without script", async () => {
    const doc = await load();
    const res = await api("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const html = await res.text();
    for (const { op } of operations(doc)) expect(html, op.operationId).toContain(`id="${op.operationId}"`);
    expect(html).toContain("/creations/{id}/score");
    expect(html).toContain("&quot;creativity&quot;: 1");
    expect(html).toContain("personalAccessToken (write:artifacts)");
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/https?:\/\/(?!uxprt\.dev\/problems)[^"\s<]*\.(js|css)/);
  });
});

describe("CORS", () => {
  it("allows configured origins only", async () => {
    const ok = await api("/health", { headers: { Origin: "http://localhost:8787" } });
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:8787");
    const evil = await api("/health", { headers: { Origin: "https://evil.example" } });
    expect(evil.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
