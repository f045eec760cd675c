import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, signUp } from "../../test/helpers";
import { Problem } from "./problem";
import { hit, QUOTAS, type QuotaName } from "./rate-limit";

const password = "correct horse battery";

const login = (email: string, pw: string, address: string) =>
  api("/auth/login", {
    method: "POST",
    json: { email, password: pw },
    headers: { "CF-Connecting-IP": address },
  });

/** How many requests of `n` parallel hits pass before 429s start. */
async function passing(quota: QuotaName, subject: string, n: number) {
  const outcomes = await Promise.all(
    Array.from({ length: n }, () =>
      hit(env, quota, subject).then(
        () => "ok",
        (e) => (e instanceof Problem && e.status === 429 ? "429" : Promise.reject(e)),
      ),
    ),
  );
  return outcomes.filter((o) => o === "ok").length;
}

describe("rate limits under concurrency", () => {
  it("60 parallel wrong-password logins for one email check only the limit's worth of passwords", async () => {
    const s = await signUp("guessed");
    // From 60 addresses, so only the per-account limit applies.
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(s.email, `wrong guess ${i}`, `203.0.113.${i + 1}`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((c) => c === 401)).toHaveLength(QUOTAS.loginPerEmail.limit);
    expect(statuses.filter((c) => c === 429)).toHaveLength(60 - QUOTAS.loginPerEmail.limit);
    for (const r of answers.filter((a) => a.status === 429))
      expect(Number(r.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Every checked password left one audit entry: exactly the limit's worth were checked.
    const checked = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE event = 'login.failed' AND subject_id = ?",
    )
      .bind(s.id)
      .first<{ n: number }>();
    expect(checked?.n).toBe(QUOTAS.loginPerEmail.limit);
    // And the right password is refused too until the window ends: the account is what is protected.
    expect((await login(s.email, password, "203.0.113.200")).status).toBe(429);
  }, 60_000);

  it("every quota lets exactly its limit through, whatever the concurrency (bindings: as wrangler.jsonc says)", async () => {
    // Counts are per fixed window: start well inside one, so no window ends during the bursts.
    if (Date.now() % 60_000 > 55_000) await scheduler.wait(60_500 - (Date.now() % 60_000));
    for (const quota of Object.keys(QUOTAS) as QuotaName[]) {
      const { limit } = QUOTAS[quota];
      expect(await passing(quota, `subject-${quota}-${crypto.randomUUID()}`, limit + 15), quota).toBe(limit);
    }
  }, 30_000);

  it("a burst of 100 sign-ins by many users gives no 5xx and writes no KV counter", async () => {
    const users = await Promise.all(Array.from({ length: 25 }, (_, i) => signUp(`burst-${i}`)));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        // Ten offices of colleagues behind one address each, ten sign-ins per office.
        login(users[i % 25]!.email, password, `192.0.2.${200 + (i % 10)}`),
      ),
    );
    expect(answers.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect((await env.KV.list({ prefix: "rl:" })).keys).toHaveLength(0);
  }, 120_000);
});
