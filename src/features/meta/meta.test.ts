import { describe, expect, it } from "vitest";
import { api, problem } from "../../../test/helpers";

describe("meta", () => {
  it("reports health with a request id and security headers", async () => {
    const res = await api("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
    expect(res.headers.get("X-Request-Id")).toMatch(/.{8,}/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
  });

  it("answers unknown routes with a problem+json 404", async () => {
    const res = await api("/nope");
    expect(res.status).toBe(404);
    expect(await problem(res)).toMatchObject({ status: 404, title: "Not Found" });
  });
});
