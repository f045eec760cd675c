import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, signUp } from "../../../test/helpers";
import { depsOf } from "../../lib/deps";
import { collectExport } from "./export-data";

describe("personal access tokens and the privacy rights", () => {
  it("is erased with the account and listed (without secrets) in its export", async () => {
    const s = await signUp("pat-erase", "pat erase password");
    const res = await api("/tokens", {
      method: "POST",
      token: s.accessToken,
      json: { name: "assistant", scopes: ["read:projects"] },
    });
    const { token } = (await res.json()) as { token: string };
    const files = await collectExport(depsOf(env), s.id);
    const tokens = files.find((f) => f.name === "tokens.json");
    expect(JSON.parse(String(tokens!.data))).toEqual([expect.objectContaining({ name: "assistant" })]);
    expect(JSON.stringify(files.map((f) => String(f.data)))).not.toContain(token);

    const erased = await api("/users/me", {
      method: "DELETE",
      token: s.accessToken,
      json: { password: "pat erase password" },
    });
    expect(erased.status).toBe(204);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM access_tokens WHERE user_id = ?")
      .bind(s.id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await api("/projects", { token })).status).toBe(401);
  });
});
