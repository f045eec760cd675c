import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { api, signUp, type Session } from "../../../test/helpers";

const password = "correct horse battery";

/** Every reset token mailed to `email`, oldest first. */
async function resetTokens(email: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT text FROM outbox WHERE "to" = ? ORDER BY id')
    .bind(email)
    .all<{ text: string }>();
  return results.map((r) => r.text.match(/Reset token: (\S+)/)![1]!);
}

/** Asks for one more reset link and waits until its mail is there. */
async function newResetLink(email: string): Promise<string> {
  const before = (await resetTokens(email)).length;
  expect((await api("/auth/password-reset", { method: "POST", json: { email } })).status).toBe(202);
  const tokens = await vi.waitUntil(
    async () => {
      const all = await resetTokens(email);
      return all.length > before ? all : undefined;
    },
    { timeout: 3000 },
  );
  return tokens.at(-1)!;
}

const confirm = (token: string, newPassword = "a fresh password here") =>
  api("/auth/password-reset/confirm", { method: "POST", json: { token, newPassword } });

const me = (accessToken: string) => api("/users/me", { token: accessToken });

const login = async (email: string, pw: string) => {
  const res = await api("/auth/login", {
    method: "POST",
    json: { email, password: pw },
    headers: { "CF-Connecting-IP": `198.51.100.${Math.floor(Math.random() * 250)}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { accessToken: string; refreshToken: string };
};

async function admin() {
  const res = await api("/auth/register", {
    method: "POST",
    json: { email: env.ADMIN_EMAIL, password: "admin password 1", displayName: "Root" },
  });
  if (res.status === 201) return ((await res.json()) as { accessToken: string }).accessToken;
  return (await login(env.ADMIN_EMAIL, "admin password 1")).accessToken;
}

const setActive = async (adminToken: string, s: Session, isActive: boolean) =>
  expect(
    (await api(`/admin/users/${s.id}`, { method: "PATCH", token: adminToken, json: { isActive } })).status,
  ).toBe(200);

describe("reset links", () => {
  it("all end when the password is changed", async () => {
    const s = await signUp("reset-then-change");
    const first = await newResetLink(s.email);
    const second = await newResetLink(s.email);
    const changed = await api("/users/me/password", {
      method: "PATCH",
      token: s.accessToken,
      json: { currentPassword: password, newPassword: "changed by the owner" },
    });
    expect(changed.status).toBe(204);
    expect((await confirm(first)).status).toBe(400);
    expect((await confirm(second)).status).toBe(400);
    await login(s.email, "changed by the owner");
  });

  it("end when a newer one is issued: only the newest works", async () => {
    const s = await signUp("reset-newer");
    const older = await newResetLink(s.email);
    const newer = await newResetLink(s.email);
    expect((await confirm(older)).status).toBe(400);
    expect((await confirm(newer, "from the newest link")).status).toBe(204);
    await login(s.email, "from the newest link");
  });

  it("one link used twice at once sets the password once", async () => {
    const s = await signUp("reset-race");
    const token = await newResetLink(s.email);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => confirm(token, `racing password ${i}`)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([204, 400, 400, 400, 400, 400]);
  });

  it("a used link ends the sessions and every other link, and cannot be used again", async () => {
    const s = await signUp("reset-used");
    const token = await newResetLink(s.email);
    // A link that was live when this one was used (written directly: issuing one would end the other).
    await env.DB.prepare(
      "INSERT INTO password_resets (token_hash, user_id, expires_at, created_at) VALUES ('other-link', ?, ?, ?)",
    )
      .bind(s.id, Date.now() + 600_000, Date.now())
      .run();
    expect((await confirm(token)).status).toBe(204);
    const other = await env.DB.prepare(
      "SELECT used_at FROM password_resets WHERE token_hash = 'other-link'",
    ).first<{ used_at: number | null }>();
    expect(other?.used_at).not.toBeNull();
    expect((await me(s.accessToken)).status).toBe(401);
    expect((await confirm(token, "once more")).status).toBe(400);
  });
});

describe("access tokens end at once", () => {
  it("when the user signs out everywhere, this token included; signing in again works", async () => {
    const s = await signUp("everywhere");
    const other = await login(s.email, password);
    expect((await me(s.accessToken)).status).toBe(200);
    const out = await api("/auth/logout-everywhere", { method: "POST", token: other.accessToken });
    expect(out.status).toBe(204);
    for (const token of [s.accessToken, other.accessToken]) expect((await me(token)).status).toBe(401);
    for (const refreshToken of [s.refreshToken, other.refreshToken])
      expect((await api("/auth/refresh", { method: "POST", json: { refreshToken } })).status).toBe(401);
    const again = await login(s.email, password);
    expect((await me(again.accessToken)).status).toBe(200);
    expect((await api("/auth/logout-everywhere", { method: "POST" })).status).toBe(401);
  });

  it("when the password is changed", async () => {
    const s = await signUp("changer");
    const res = await api("/users/me/password", {
      method: "PATCH",
      token: s.accessToken,
      json: { currentPassword: password, newPassword: "something else now" },
    });
    expect(res.status).toBe(204);
    expect((await me(s.accessToken)).status).toBe(401);
    const fresh = await login(s.email, "something else now");
    expect((await me(fresh.accessToken)).status).toBe(200);
  });

  it("when the password is reset", async () => {
    const s = await signUp("resetter");
    expect((await confirm(await newResetLink(s.email))).status).toBe(204);
    expect((await me(s.accessToken)).status).toBe(401);
  });

  it("when an admin deactivates the account, and stay ended after reactivation", async () => {
    const root = await admin();
    const s = await signUp("deactivated");
    await setActive(root, s, false);
    expect((await me(s.accessToken)).status).toBe(401);
    await setActive(root, s, true);
    expect((await me(s.accessToken)).status).toBe(401);
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    expect((await me((await login(s.email, password)).accessToken)).status).toBe(200);
  });
});

describe("share links of a deactivated owner", () => {
  it("are suspended while the account is deactivated", async () => {
    const root = await admin();
    const s = await signUp("share-owner");
    const project = (await (
      await api("/projects", { method: "POST", token: s.accessToken, json: { name: "Shared things" } })
    ).json()) as { id: string };
    const started = (await (
      await api(`/projects/${project.id}/artifacts`, {
        method: "POST",
        token: s.accessToken,
        json: { type: "prd" },
      })
    ).json()) as { artifactId: string };
    await vi.waitUntil(
      async () =>
        (
          (await (await api(`/artifacts/${started.artifactId}`, { token: s.accessToken })).json()) as {
            status: string;
          }
        ).status === "ready",
      { timeout: 15_000, interval: 100 },
    );
    const link = (await (
      await api(`/artifacts/${started.artifactId}/share`, { method: "POST", token: s.accessToken })
    ).json()) as { token: string };
    expect((await api(`/shared/${link.token}`)).status).toBe(200);
    await setActive(root, s, false);
    expect((await api(`/shared/${link.token}`)).status).toBe(404);
    await setActive(root, s, true);
    expect((await api(`/shared/${link.token}`)).status).toBe(200);
  });
});
