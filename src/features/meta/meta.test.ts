import { afterEach, describe, expect, it, vi } from "vitest";
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

  describe("request log", () => {
    afterEach(() => vi.restoreAllMocks());
    const lines = (spy: { mock: { calls: unknown[][] } }) =>
      spy.mock.calls
        .map((args) => String(args[0]))
        .filter((l) => l.includes('"msg":"request"'))
        .map((l) => JSON.parse(l));

    it("logs a failed request with its id and a redacted path, not a successful one", async () => {
      const spy = vi.spyOn(console, "log").mockImplementation(() => {});
      await api("/health");
      expect(lines(spy)).toEqual([]);
      const token = "t".repeat(40);
      const res = await api(`/shared/${token}?secret=1`);
      // A malformed share token names nothing: 404, like an unknown one.
      expect(res.status).toBe(404);
      const [line] = lines(spy);
      expect(line).toMatchObject({
        level: "warn",
        method: "GET",
        path: "/api/v1/shared/:redacted",
        status: 404,
        requestId: res.headers.get("X-Request-Id"),
      });
      expect(JSON.stringify(line)).not.toContain(token);
      expect(JSON.stringify(line)).not.toContain("secret");
    });
  });
});
