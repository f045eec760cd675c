import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { api, problem, publish, png, signUp } from "../../../test/helpers";

async function admin() {
  const res = await api("/auth/register", {
    method: "POST",
    json: { email: env.ADMIN_EMAIL, password: "admin password 1", displayName: "Root" },
  });
  if (res.status === 201) return ((await res.json()) as { accessToken: string }).accessToken;
  const login = await api("/auth/login", {
    method: "POST",
    json: { email: env.ADMIN_EMAIL, password: "admin password 1" },
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

describe("admin", () => {
  it("is closed to ordinary users", async () => {
    const s = await signUp("plain");
    const res = await api("/admin/users", { token: s.accessToken });
    expect(res.status).toBe(403);
    await problem(res);
  });

  it("lists users in pages and filters by email", async () => {
    const token = await admin();
    for (let i = 0; i < 3; i++) await signUp("listed");
    const first = (await (await api("/admin/users?email=listed&limit=2", { token })).json()) as {
      items: { email: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(2);
    expect(first.items.every((u) => u.email.startsWith("listed-"))).toBe(true);
    const second = (await (
      await api(`/admin/users?email=listed&limit=2&cursor=${first.nextCursor}`, { token })
    ).json()) as { items: { email: string }[]; nextCursor: string | null };
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((u) => u.email)).size).toBe(3);
  });

  it("deactivates a user, who can then neither log in nor use old tokens", async () => {
    const token = await admin();
    const s = await signUp("banned");
    const res = await api(`/admin/users/${s.id}`, { method: "PATCH", token, json: { isActive: false } });
    expect(await res.json()).toMatchObject({ isActive: false });
    expect((await api("/users/me", { token: s.accessToken })).status).toBe(401);
    expect(
      (
        await api("/auth/login", {
          method: "POST",
          json: { email: s.email, password: "correct horse battery" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    const audit = await env.DB.prepare(
      "SELECT actor_id FROM audit_log WHERE event = 'user.updated_by_admin' AND subject_id = ?",
    )
      .bind(s.id)
      .first();
    expect(audit).not.toBeNull();
  });

  it("promotes a user to admin", async () => {
    const token = await admin();
    const s = await signUp("promoted");
    await api(`/admin/users/${s.id}`, { method: "PATCH", token, json: { role: "admin" } });
    expect((await api("/admin/users", { token: s.accessToken })).status).toBe(200);
  });

  it("cannot demote or deactivate themselves", async () => {
    const token = await admin();
    const me = (await (await api("/users/me", { token })).json()) as { id: string };
    expect(
      (await api(`/admin/users/${me.id}`, { method: "PATCH", token, json: { role: "user" } })).status,
    ).toBe(409);
  });

  it("moderates: deletes anyone's creation", async () => {
    const token = await admin();
    const s = await signUp("moderated");
    const c = await publish(s.accessToken, { title: "Spam", image: png() });
    expect((await api(`/creations/${c.id}`, { method: "DELETE", token })).status).toBe(204);
    expect((await api(`/creations/${c.id}`)).status).toBe(404);
    const audit = await env.DB.prepare("SELECT event FROM audit_log WHERE subject_id = ?")
      .bind(c.id)
      .first<{ event: string }>();
    expect(audit?.event).toBe("creation.deleted_by_admin");
  });

  it("reads the local outbox", async () => {
    const token = await admin();
    const s = await signUp("mailed");
    await api("/auth/password-reset", { method: "POST", json: { email: s.email } });
    await vi.waitUntil(
      async () => {
        const box = (await (await api("/admin/outbox", { token })).json()) as { items: { to: string }[] };
        return box.items.some((m) => m.to === s.email);
      },
      { timeout: 3000 },
    );
  });
});
