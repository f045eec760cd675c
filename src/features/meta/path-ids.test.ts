/** A path names a resource: a malformed id names nothing, so it is a 404 like an unknown one. */
import { describe, expect, it } from "vitest";
import { api, problem, signUp } from "../../../test/helpers";

const UNKNOWN = "01J00000000000000000000000";

describe("ids in paths", () => {
  it("answer 404 problems, malformed or unknown, while a malformed query or body stays 422", async () => {
    const s = await signUp("ids");
    const cases: [string, RequestInit & { json?: unknown }, string][] = [
      ["/creations/{id}", {}, "No such creation."],
      ["/projects/{id}", {}, "No such project."],
      ["/artifacts/{id}", {}, "No such artifact."],
      [
        "/creations/{id}/score",
        { method: "PUT", json: { creativity: 5, uniqueness: 5 } },
        "No such creation.",
      ],
      ["/conversations/{id}", {}, "No such conversation."],
    ];
    for (const [template, init, detail] of cases) {
      for (const id of ["not-an-id", "1", UNKNOWN.toLowerCase(), UNKNOWN]) {
        const path = template.replace("{id}", encodeURIComponent(id));
        const res = await api(path, { ...init, token: s.accessToken });
        expect(res.status, path).toBe(404);
        const p = await problem(res);
        expect(p.status, path).toBe(404);
        // A malformed id says the same as an unknown one: nothing about the id's format leaks.
        expect(p.detail, path).toBe(detail);
        expect(p.errors, path).toBeUndefined();
      }
    }
    expect(
      (await api("/artifacts/{id}/versions/x".replace("{id}", UNKNOWN), { token: s.accessToken })).status,
    ).toBe(404);
    const badQuery = await api("/artifacts?limit=nope", { token: s.accessToken });
    expect(badQuery.status).toBe(422);
    expect((await problem(badQuery)).errors?.[0]?.field).toBe("limit");
  });
});
