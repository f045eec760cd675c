import { describe, expect, it } from "vitest";
import { app } from "../../worker/app";
import { api } from "../../../test/helpers";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        requestBody?: { content: Record<string, { schema: any }> };
        parameters?: { name: string; in: string }[];
      }
    >
  >;
};

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every API route the app mounts", async () => {
    const doc = (await (await api("/openapi.json")).json()) as Doc;
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
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m} ${p.replace(/\/$/, "")}`),
      ),
    );
    for (const route of mounted) expect(documented, route).toContain(route.replace(/\/$/, ""));
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) expect(op.summary, `${m} ${path}`).toBeTruthy();
  });

  it("takes request schemas from the validators themselves", async () => {
    const doc = (await (await api("/openapi.json")).json()) as Doc;
    const register = doc.paths["/auth/register"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(register.required).toEqual(expect.arrayContaining(["email", "password", "displayName"]));
    expect(register.properties.password).toMatchObject({ minLength: 8, maxLength: 128 });
    const score = doc.paths["/creations/{id}/score"]!.put!.requestBody!.content["application/json"]!.schema;
    expect(score.properties.creativity).toMatchObject({ minimum: 1, maximum: 10 });
    const upload = doc.paths["/creations"]!.post!.requestBody!.content["multipart/form-data"];
    expect(upload).toBeDefined();
    const list = doc.paths["/creations"]!.get!.parameters!.map((p) => p.name);
    expect(list).toEqual(expect.arrayContaining(["tag", "owner", "sort", "cursor", "limit"]));
  });

  it("has a readable docs page", async () => {
    const res = await api("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("/creations/{id}/score");
    expect(html).not.toContain("<script");
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
