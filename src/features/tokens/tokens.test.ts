import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, problem, signUp, type Session } from "../../../test/helpers";
import { TOKEN_RATE } from "../../lib/personal-tokens";

interface Created {
  id: string;
  token: string;
  hint: string;
  scopes: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
}

async function mint(s: Session, body: { name?: string; scopes: string[]; expiresInDays?: number }) {
  const res = await api("/tokens", { method: "POST", token: s.accessToken, json: { name: "cli", ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

const events = async (userId: string) =>
  (
    await env.DB.prepare("SELECT event, detail FROM audit_log WHERE subject_id = ? ORDER BY id")
      .bind(userId)
      .all<{ event: string; detail: string | null }>()
  ).results;

describe("personal access tokens", () => {
  it("shows the uxp_ secret once, stores only its hash, and lists metadata", async () => {
    const s = await signUp("pat-owner");
    const created = await mint(s, { name: "laptop", scopes: ["read:projects"], expiresInDays: 30 });
    expect(created.token).toMatch(/^uxp_[\w-]{43}$/);
    expect(created.hint).toBe(created.token.slice(0, 8));
    expect(Date.parse(created.expiresAt!) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);

    const row = await env.DB.prepare("SELECT * FROM access_tokens WHERE id = ?").bind(created.id).first();
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(8));

    const list = (await (await api("/tokens", { token: s.accessToken })).json()) as { items: Created[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: created.id, name: "laptop", scopes: ["read:projects"] });
    expect(JSON.stringify(list)).not.toContain(created.token);
  });

  it("is accepted as a bearer token where its scopes allow, and refused naming the missing scope", async () => {
    const s = await signUp("pat-scopes");
    const { token } = await mint(s, { scopes: ["read:projects"] });
    await api("/projects", { method: "POST", token: s.accessToken, json: { name: "Shop" } });

    const list = await api("/projects", { token });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(["Shop"]);

    const write = await api("/projects", { method: "POST", token, json: { name: "Nope" } });
    expect(write.status).toBe(403);
    expect(write.headers.get("WWW-Authenticate")).toContain('scope="write:projects"');
    expect(await problem(write)).toMatchObject({
      type: "https://uxprt.dev/problems/insufficient-scope",
      status: 403,
      detail: "This token lacks the scope write:projects.",
    });
    // A route that runs requireUser before its marker (.use) is checked just the same.
    const me = await api("/users/me", { token });
    expect(me.status).toBe(403);
    expect((await problem(me)).detail).toContain("account:read");
  });

  it("cannot manage tokens, the password or admin, whatever its scopes", async () => {
    const s = await signUp("pat-closed");
    const { token, id } = await mint(s, { scopes: ["read:projects", "write:projects", "account:read"] });
    for (const [path, method, json] of [
      ["/tokens", "GET", undefined],
      ["/tokens", "POST", { name: "more", scopes: ["chat"] }],
      [`/tokens/${id}`, "DELETE", undefined],
      ["/users/me/password", "PATCH", { currentPassword: "x", newPassword: "yyyyyyyyyy" }],
      ["/admin/users", "GET", undefined],
    ] as const) {
      const res = await api(path, { method, token, json });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await problem(res)).type).toBe("https://uxprt.dev/problems/token-not-allowed");
    }
    // Public reads stay open to a token.
    expect((await api("/creations", { token })).status).toBe(200);
  });

  it("stops working at once when revoked or expired, and with its account", async () => {
    const s = await signUp("pat-revoke");
    const a = await mint(s, { scopes: ["read:projects"] });
    const b = await mint(s, { scopes: ["read:projects"] });
    expect((await api("/projects", { token: a.token })).status).toBe(200);

    expect((await api(`/tokens/${a.id}`, { method: "DELETE", token: s.accessToken })).status).toBe(204);
    const revoked = await api("/projects", { token: a.token });
    expect(revoked.status).toBe(401);
    expect((await problem(revoked)).detail).toBe("The access token is invalid, revoked or expired.");
    expect((await api(`/tokens/${a.id}`, { method: "DELETE", token: s.accessToken })).status).toBe(404);

    await env.DB.prepare("UPDATE access_tokens SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, b.id)
      .run();
    expect((await api("/projects", { token: b.token })).status).toBe(401);

    const c = await mint(s, { scopes: ["read:projects"] });
    await env.DB.prepare("UPDATE users SET is_active = 0 WHERE id = ?").bind(s.id).run();
    expect((await api("/projects", { token: c.token })).status).toBe(401);
    // A well-formed but unknown secret, and a malformed one.
    expect((await api("/projects", { token: `uxp_${"A".repeat(43)}` })).status).toBe(401);
    expect((await api("/projects", { token: "uxp_short" })).status).toBe(401);
  });

  it("renames, and refuses other people's tokens as unknown", async () => {
    const s = await signUp("pat-rename");
    const other = await signUp("pat-other");
    const { id } = await mint(s, { scopes: ["chat"] });
    const renamed = await api(`/tokens/${id}`, {
      method: "PATCH",
      token: s.accessToken,
      json: { name: "desk" },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id, name: "desk" });
    expect(
      (await api(`/tokens/${id}`, { method: "PATCH", token: other.accessToken, json: { name: "mine" } }))
        .status,
    ).toBe(404);
    expect((await api(`/tokens/${id}`, { method: "DELETE", token: other.accessToken })).status).toBe(404);
  });

  it("validates names, scopes and expiry", async () => {
    const s = await signUp("pat-validate");
    const res = await api("/tokens", {
      method: "POST",
      token: s.accessToken,
      json: { name: "", scopes: ["root"], expiresInDays: 0 },
    });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors!.map((e) => e.field)).toEqual(
      expect.arrayContaining(["name", "scopes.0", "expiresInDays"]),
    );
  });

  it("counts requests per token and answers 429 past its window", async () => {
    const s = await signUp("pat-rate");
    const { token, id } = await mint(s, { scopes: ["read:projects"] });
    expect((await api("/projects", { token })).status).toBe(200);
    const row = await env.DB.prepare(
      "SELECT window_start, window_count, last_used_at FROM access_tokens WHERE id = ?",
    )
      .bind(id)
      .first<{ window_start: number; window_count: number; last_used_at: number }>();
    expect(row!.window_count).toBe(1);
    expect(row!.last_used_at).toBeGreaterThan(0);
    await env.DB.prepare("UPDATE access_tokens SET window_count = ? WHERE id = ?")
      .bind(TOKEN_RATE.limit, id)
      .run();
    const limited = await api("/projects", { token });
    // The window may have rolled over between the two requests; then the count restarted at 1.
    const now = (await env.DB.prepare("SELECT window_start FROM access_tokens WHERE id = ?").bind(id).first<{
      window_start: number;
    }>())!.window_start;
    if (now === row!.window_start) {
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    } else expect(limited.status).toBe(200);
  });

  it("audits creation, use from a new client and revocation, never the secret", async () => {
    const s = await signUp("pat-audit");
    const { token, id } = await mint(s, { scopes: ["read:projects"] });
    await api("/projects", { token, headers: { "CF-Connecting-IP": "192.0.2.10" } });
    await api("/projects", { token, headers: { "CF-Connecting-IP": "192.0.2.10" } });
    await api("/projects", { token, headers: { "CF-Connecting-IP": "192.0.2.11" } });
    await api(`/tokens/${id}`, { method: "DELETE", token: s.accessToken });
    const log = (await events(s.id)).filter((e) => e.event.startsWith("token."));
    expect(log.map((e) => e.event)).toEqual([
      "token.created",
      "token.used_from_new_client",
      "token.used_from_new_client",
      "token.revoked",
    ]);
    expect(log.every((e) => JSON.parse(e.detail!).tokenId === id)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(token);
  });
});
