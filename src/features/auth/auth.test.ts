import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { api, problem, signUp } from "../../../test/helpers";
import { pseudonym } from "../../lib/pseudonym";
import { QUOTAS } from "../../lib/rate-limit";

const password = "correct horse battery";

async function outboxToken(email: string): Promise<string> {
  const row = await env.DB.prepare('SELECT text FROM outbox WHERE "to" = ? ORDER BY id DESC LIMIT 1')
    .bind(email)
    .first<{ text: string }>();
  const token = row?.text.match(/Reset token: (\S+)/)?.[1];
  if (!token) throw new Error("no reset mail yet");
  return token;
}

describe("register", () => {
  it("creates an account and signs the user in", async () => {
    const res = await api("/auth/register", {
      method: "POST",
      json: { email: "  Ada@Example.COM ", password, displayName: "Ada" },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, any>;
    expect(body.user).toMatchObject({
      email: "ada@example.com",
      displayName: "Ada",
      role: "user",
      isActive: true,
    });
    expect(body.user).not.toHaveProperty("passwordHash");
    expect(body.tokenType).toBe("Bearer");
    const me = await api("/users/me", { token: body.accessToken });
    expect(await me.json()).toMatchObject({ email: "ada@example.com" });
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    await signUp("dup");
    const first = await api("/auth/register", {
      method: "POST",
      json: { email: "same@example.com", password, displayName: "A" },
    });
    expect(first.status).toBe(201);
    const again = await api("/auth/register", {
      method: "POST",
      json: { email: "SAME@example.com", password, displayName: "B" },
    });
    expect(again.status).toBe(409);
  });

  it("stores passwords only as salted PBKDF2 hashes", async () => {
    const s = await signUp("hash");
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE id = ?")
      .bind(s.id)
      .first<{ password_hash: string }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[\w-]+\$[\w-]+$/);
    expect(row?.password_hash).not.toContain(password);
  });

  it("names every bad field", async () => {
    const res = await api("/auth/register", {
      method: "POST",
      json: { email: "nope", password: "short", displayName: "" },
    });
    expect(res.status).toBe(422);
    const body = await problem(res);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(["displayName", "email", "password"]);
  });

  it("never lets a request choose its role", async () => {
    const res = await api("/auth/register", {
      method: "POST",
      json: { email: "sneaky@example.com", password, displayName: "S", role: "admin" },
    });
    expect(res.status).toBe(422);
    expect((await problem(res)).errors?.[0]?.message).toMatch(/role/);
  });

  it("makes the configured ADMIN_EMAIL an admin", async () => {
    const res = await api("/auth/register", {
      method: "POST",
      json: { email: env.ADMIN_EMAIL, password, displayName: "Root" },
    });
    expect(((await res.json()) as any).user.role).toBe("admin");
  });

  it("answers malformed JSON with 400 and a non-JSON body with 415", async () => {
    const bad = await api("/auth/register", {
      method: "POST",
      body: "{oops",
      headers: { "Content-Type": "application/json" },
    });
    expect(bad.status).toBe(400);
    await problem(bad);
    const text = await api("/auth/register", {
      method: "POST",
      body: "email=a",
      headers: { "Content-Type": "text/plain" },
    });
    expect(text.status).toBe(415);
  });

  it("refuses bodies over the size limit with 413", async () => {
    const res = await api("/auth/register", {
      method: "POST",
      json: { email: "big@example.com", password, displayName: "x".repeat(100_000) },
    });
    expect(res.status).toBe(413);
  });
});

describe("login", () => {
  it("returns tokens for the right password and a 401 for a wrong one", async () => {
    const s = await signUp("login");
    const ok = await api("/auth/login", { method: "POST", json: { email: s.email.toUpperCase(), password } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    const bad = await api("/auth/login", {
      method: "POST",
      json: { email: s.email, password: "wrong password" },
    });
    expect(bad.status).toBe(401);
    const unknown = await api("/auth/login", {
      method: "POST",
      json: { email: "ghost@example.com", password },
    });
    expect(unknown.status).toBe(401);
    expect((await problem(unknown)).detail).toBe((await problem(bad)).detail);
  });

  it("records successes and failures in the audit log, without passwords", async () => {
    const s = await signUp("audited");
    await api("/auth/login", { method: "POST", json: { email: s.email, password: "not the password" } });
    await api("/auth/login", { method: "POST", json: { email: s.email, password } });
    const { results } = await env.DB.prepare(
      "SELECT event, detail FROM audit_log WHERE subject_id = ? ORDER BY id",
    )
      .bind(s.id)
      .all<{ event: string; detail: string | null }>();
    expect(results.map((r) => r.event)).toEqual(["user.registered", "login.failed", "login.succeeded"]);
    expect(JSON.stringify(results)).not.toContain("not the password");
  });

  it("keeps client addresses and emails only as keyed pseudonyms", async () => {
    const s = await signUp("private");
    await api("/auth/login", {
      method: "POST",
      json: { email: s.email, password },
      headers: { "CF-Connecting-IP": "203.0.113.77" },
    });
    const row = await env.DB.prepare(
      "SELECT client FROM audit_log WHERE subject_id = ? AND event = 'login.succeeded'",
    )
      .bind(s.id)
      .first<{ client: string }>();
    expect(row?.client).toMatch(/^[0-9a-f]{24}$/);
    const { results } = await env.DB.prepare("SELECT subject, quota FROM rate_counters").all<{
      subject: string;
      quota: string;
    }>();
    expect(results).toContainEqual({ subject: await pseudonym(env, s.email), quota: "loginPerEmail" });
    expect(results).toContainEqual({
      subject: await pseudonym(env, "203.0.113.77"),
      quota: "loginPerClient",
    });
    for (const r of results) expect(r.subject).toMatch(/^[0-9a-f]{24}$/);
    const stored = JSON.stringify(results);
    expect(stored).not.toContain(s.email);
    expect(stored).not.toContain("203.0.113.77");
  });

  it("limits password guessing per account with 429 and Retry-After", async () => {
    const s = await signUp("guessed");
    // The per-account window is fixed (15 minutes): eleven attempts straddling its boundary would be
    // counted in two windows, so start clear of the last 20 s of one.
    const windowMs = QUOTAS.loginPerEmail.windowSeconds * 1000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await api("/auth/login", {
        method: "POST",
        json: { email: s.email, password: `guess-${i}-xx` },
        headers: { "CF-Connecting-IP": `192.0.2.${i}` },
      });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
  }, 30_000);
});

describe("refresh tokens", () => {
  it("rotate: a refresh token works once and yields a new pair", async () => {
    const s = await signUp("rotate");
    const res = await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } });
    expect(res.status).toBe(200);
    const next = (await res.json()) as { refreshToken: string; accessToken: string };
    expect(next.refreshToken).not.toBe(s.refreshToken);
    expect((await api("/users/me", { token: next.accessToken })).status).toBe(200);
  });

  it("reusing a spent token revokes its whole family", async () => {
    const s = await signUp("reuse");
    const next = (await (
      await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })
    ).json()) as { refreshToken: string };
    const replay = await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } });
    expect(replay.status).toBe(401);
    // The thief's replay also killed the legitimate successor.
    const successor = await api("/auth/refresh", {
      method: "POST",
      json: { refreshToken: next.refreshToken },
    });
    expect(successor.status).toBe(401);
    const events = await env.DB.prepare(
      "SELECT event FROM audit_log WHERE subject_id = ? AND event = 'token.reuse_detected'",
    )
      .bind(s.id)
      .all();
    expect(events.results).toHaveLength(1);
  });

  it("logout ends the session", async () => {
    const s = await signUp("logout");
    expect(
      (await api("/auth/logout", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(204);
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
  });

  it("are stored only as hashes", async () => {
    const s = await signUp("hashed-refresh");
    const row = await env.DB.prepare("SELECT count(*) AS n FROM refresh_tokens WHERE token_hash = ?")
      .bind(s.refreshToken)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});

describe("profile and password", () => {
  it("updates the display name but nothing else", async () => {
    const s = await signUp("profile");
    const ok = await api("/users/me", {
      method: "PATCH",
      token: s.accessToken,
      json: { displayName: "New Name" },
    });
    expect(await ok.json()).toMatchObject({ displayName: "New Name", role: "user" });
    const sneaky = await api("/users/me", {
      method: "PATCH",
      token: s.accessToken,
      json: { displayName: "X", role: "admin" },
    });
    expect(sneaky.status).toBe(422);
  });

  it("changes the password only with the current one, and ends other sessions", async () => {
    const s = await signUp("pw");
    const wrong = await api("/users/me/password", {
      method: "PATCH",
      token: s.accessToken,
      json: { currentPassword: "nope nope", newPassword: "a brand new secret" },
    });
    expect(wrong.status).toBe(403);
    const ok = await api("/users/me/password", {
      method: "PATCH",
      token: s.accessToken,
      json: { currentPassword: password, newPassword: "a brand new secret" },
    });
    expect(ok.status).toBe(204);
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await api("/auth/login", { method: "POST", json: { email: s.email, password: "a brand new secret" } }))
        .status,
    ).toBe(200);
  });

  it("requires a token", async () => {
    const res = await api("/users/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
  });
});

describe("password reset", () => {
  it("answers 202 for known and unknown emails alike", async () => {
    const s = await signUp("reset-known");
    const known = await api("/auth/password-reset", { method: "POST", json: { email: s.email } });
    const unknown = await api("/auth/password-reset", {
      method: "POST",
      json: { email: "nobody-here@example.com" },
    });
    expect([known.status, unknown.status]).toEqual([202, 202]);
  });

  it("mails a one-time token that sets a new password", async () => {
    const s = await signUp("reset");
    await api("/auth/password-reset", { method: "POST", json: { email: s.email } });
    const token = await vi.waitUntil(() => outboxToken(s.email).catch(() => undefined), { timeout: 3000 });
    const confirm = await api("/auth/password-reset/confirm", {
      method: "POST",
      json: { token, newPassword: "reset to this one" },
    });
    expect(confirm.status).toBe(204);
    expect(
      (await api("/auth/login", { method: "POST", json: { email: s.email, password: "reset to this one" } }))
        .status,
    ).toBe(200);
    // The old session is over and the token is spent.
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    const again = await api("/auth/password-reset/confirm", {
      method: "POST",
      json: { token, newPassword: "and once more please" },
    });
    expect(again.status).toBe(400);
  });

  it("rejects expired tokens", async () => {
    const s = await signUp("reset-expired");
    await api("/auth/password-reset", { method: "POST", json: { email: s.email } });
    const token = await vi.waitUntil(() => outboxToken(s.email).catch(() => undefined), { timeout: 3000 });
    await env.DB.prepare("UPDATE password_resets SET expires_at = 0 WHERE user_id = ?").bind(s.id).run();
    const res = await api("/auth/password-reset/confirm", {
      method: "POST",
      json: { token, newPassword: "too late for this" },
    });
    expect(res.status).toBe(400);
    expect((await api("/auth/login", { method: "POST", json: { email: s.email, password } })).status).toBe(
      200,
    );
  });
});
