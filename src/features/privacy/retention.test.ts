import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { jobDone } from "../../../test/account";
import { api, signUp } from "../../../test/helpers";
import worker from "../../index";

const DAY = 24 * 60 * 60 * 1000;

/** Runs the Worker's cron handler as the trigger would, at `time`. */
async function cronAt(time: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: time, cron: "17 3 * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>())!.n;

describe("the daily retention run", () => {
  it("deletes expired tokens and reset links, old audit entries, finished jobs and exports, and keeps the rest", async () => {
    const s = await signUp("retained");
    const now = Date.now();
    await env.DB.prepare(
      "INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at, created_at) VALUES ('expired-token', ?, 'f', ?, 0)",
    )
      .bind(s.id, now - 1)
      .run();
    await env.DB.prepare(
      "INSERT INTO password_resets (token_hash, user_id, expires_at, created_at) VALUES ('expired-reset', ?, ?, 0), ('live-reset', ?, ?, 0)",
    )
      .bind(s.id, now - 1, s.id, now + DAY)
      .run();
    await env.DB.prepare(
      "INSERT INTO audit_log (id, at, event, subject_id) VALUES ('old-entry', ?, 'login.failed', ?)",
    )
      .bind(now - 400 * DAY, s.id)
      .run();
    const exported = (await (
      await api("/users/me/export", { method: "POST", token: s.accessToken })
    ).json()) as {
      jobId: string;
    };
    await jobDone(s, exported.jobId);
    await env.DB.prepare("UPDATE jobs SET updated_at = ? WHERE id = ?")
      .bind(now - 31 * DAY, exported.jobId)
      .run();

    await env.DB.prepare(
      "INSERT INTO rate_counters (subject, quota, window, count, expires_at) VALUES ('ended', 'q', 1, 1, ?), ('running', 'q', 2, 1, ?)",
    )
      .bind(now - 1, now + 60_000)
      .run();

    await cronAt(now);
    expect(await count("SELECT count(*) AS n FROM rate_counters WHERE subject IN ('ended', 'running')")).toBe(
      1,
    );
    expect(await count("SELECT count(*) AS n FROM refresh_tokens WHERE user_id = ?", s.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM password_resets WHERE user_id = ?", s.id)).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE id = 'old-entry'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE subject_id = ?", s.id)).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM jobs WHERE id = ?", exported.jobId)).toBe(0);
    expect((await env.MEDIA.list({ prefix: `exports/${s.id}/` })).objects).toHaveLength(1);
    // The session still works: only expired tokens went.
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(200);

    // Eight days on, the export file is past its seven days.
    await cronAt(now + 8 * DAY);
    expect((await env.MEDIA.list({ prefix: `exports/${s.id}/` })).objects).toHaveLength(0);
  });
});
