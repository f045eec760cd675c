import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { busyUser, get, jobDone } from "../../../test/account";
import { api, problem, publish, signUp, type Session } from "../../../test/helpers";
import { pseudonym } from "../../lib/pseudonym";
import type { UserChat } from "../../worker/user-chat";

const PASSWORD = "correct horse battery";
const text = (v: unknown) =>
  v instanceof ArrayBuffer
    ? new TextDecoder("latin1").decode(v)
    : typeof v === "string"
      ? v
      : JSON.stringify(v);

/** Every row of every table (FTS shadow tables' raw index blobs included), as text. */
async function everyD1Row(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' AND name != 'artifact_search'",
  ).all<{ name: string }>();
  const rows = await Promise.all(
    results.map(async ({ name }) =>
      (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results.map((r) =>
        Object.values(r).map(text).join("|"),
      ),
    ),
  );
  return rows.flat().join("\n");
}

async function everyR2Object(): Promise<string> {
  const listed = await env.MEDIA.list();
  const bodies = await Promise.all(
    listed.objects.map(
      async (o) =>
        `${o.key} ${new TextDecoder("latin1").decode(await (await env.MEDIA.get(o.key))!.arrayBuffer())}`,
    ),
  );
  return bodies.join("\n");
}

async function everyKvEntry(): Promise<string> {
  const listed = await env.KV.list();
  return (await Promise.all(listed.keys.map(async (k) => `${k.name} ${await env.KV.get(k.name)}`))).join(
    "\n",
  );
}

const doRows = (userId: string) =>
  runInDurableObject(env.USER_CHAT.get(env.USER_CHAT.idFromName(userId)), async (_: UserChat, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'",
      )
      .toArray();
    return tables.flatMap((t) => state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray());
  });

const erase = (s: Session, password = PASSWORD) =>
  api("/users/me", { method: "DELETE", token: s.accessToken, json: { password } });

// Erasure waits out KV's one write a second per key before it sweeps the caches (erasure.ts).
describe("erasing an account", { timeout: 20_000 }, () => {
  it("leaves nothing of the user in D1, R2, KV or their Durable Object", async () => {
    const u = await busyUser("erased", "mangosteen");
    // Warm every cache the user's data can reach, and leave an export file and rate-limit counters.
    await api("/creations");
    await api(`/creations?owner=${u.s.id}`);
    await api(`/creations/${u.creation.id}`);
    await api(`/creations/${u.theirs.id}`);
    await api("/tags?prefix=tag");
    await get(u.s, `/artifacts/${u.artifactId}`);
    await api("/auth/login", { method: "POST", json: { email: u.s.email, password: "not the password" } });
    const exportJob = (await (
      await api("/users/me/export", { method: "POST", token: u.s.accessToken })
    ).json()) as {
      jobId: string;
    };
    await jobDone(u.s, exportJob.jobId);
    const identifiers = [
      u.s.id,
      u.s.email,
      "mangosteen",
      u.creation.id,
      u.artifactId,
      u.project.id,
      u.conv.id,
    ];
    expect(await everyD1Row()).toContain(u.s.id);
    expect((await doRows(u.s.id)).length).toBeGreaterThan(0);

    expect((await erase(u.s)).status).toBe(204);

    const [d1, r2, kv] = await Promise.all([everyD1Row(), everyR2Object(), everyKvEntry()]);
    for (const id of identifiers) {
      expect(d1, `D1 still holds ${id}`).not.toContain(id);
      expect(r2, `R2 still holds ${id}`).not.toContain(id);
      expect(kv, `KV still holds ${id}`).not.toContain(id);
    }
    expect(await doRows(u.s.id)).toEqual([]);
    expect(r2).toContain(u.theirs.id);
    // The failed sign-in above left a counter under the email's pseudonym: gone too.
    const counters = await env.DB.prepare("SELECT count(*) AS n FROM rate_counters WHERE subject IN (?, ?)")
      .bind(await pseudonym(env, u.s.email), await pseudonym(env, u.s.id))
      .first<{ n: number }>();
    expect(counters?.n).toBe(0);
  });

  it("ends every session, and the account can no longer sign in", async () => {
    const s = await signUp("goodbye");
    expect((await erase(s)).status).toBe(204);
    expect((await api("/users/me", { token: s.accessToken })).status).toBe(401);
    expect(
      (await api("/auth/refresh", { method: "POST", json: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await api("/auth/login", { method: "POST", json: { email: s.email, password: PASSWORD } })).status,
    ).toBe(401);
  });

  it("takes the user's scores out of other people's creations, their rank and tag counts", async () => {
    const u = await busyUser("scorer", "rambutan");
    const third = await signUp("third-scorer");
    await api(`/creations/${u.theirs.id}/score`, {
      method: "PUT",
      token: third.accessToken,
      json: { creativity: 4, uniqueness: 6 },
    });
    expect((await erase(u.s)).status).toBe(204);

    const after = (await (await api(`/creations/${u.theirs.id}`)).json()) as {
      score: { count: number; creativityAvg: number; uniquenessAvg: number; rank: number };
    };
    expect(after.score).toEqual({
      count: 1,
      creativityAvg: 4,
      uniquenessAvg: 6,
      rank: Math.round(((5 * 5.5 + 5) / 6) * 1000) / 1000,
    });
    const copies = await env.DB.prepare("SELECT DISTINCT rank FROM creation_tags WHERE creation_id = ?")
      .bind(u.theirs.id)
      .all<{ rank: number }>();
    expect(copies.results.map((r) => Math.round(r.rank * 1000) / 1000)).toEqual([after.score.rank]);
    const top = (await (await api("/creations?tag=common-scorer&sort=top")).json()) as {
      items: { id: string }[];
    };
    expect(top.items.map((i) => i.id)).toEqual([u.theirs.id]);
    const tags = (await (await api("/tags?prefix=")).json()) as { items: { name: string; count: number }[] };
    expect(tags.items.find((t) => t.name === "common-scorer")?.count).toBe(1);
    expect(tags.items.find((t) => t.name === "tag-rambutan")).toBeUndefined();
  });

  it("needs the password, and keeps only a pseudonymous record that it happened", async () => {
    const s = await signUp("careful");
    const wrong = await erase(s, "not my password");
    expect(wrong.status).toBe(403);
    expect((await problem(wrong)).errors?.[0]?.field).toBe("password");
    expect((await api("/users/me", { token: s.accessToken })).status).toBe(200);

    expect((await erase(s)).status).toBe(204);
    const record = await env.DB.prepare(
      "SELECT actor_id, subject_id, client, detail FROM audit_log WHERE event = 'user.erased' AND subject_id = ?",
    )
      .bind(await pseudonym(env, s.id))
      .first<Record<string, string | null>>();
    expect(record).toMatchObject({ actor_id: null, client: null });
    expect(JSON.parse(record!.detail!)).toMatchObject({ by: "self" });
    expect(JSON.stringify(record)).not.toMatch(new RegExp(`${s.id}|${s.email}`));
  });

  it("can be done by an admin, for anyone but themselves", async () => {
    const res = await api("/auth/register", {
      method: "POST",
      json: { email: env.ADMIN_EMAIL, password: "admin password 1", displayName: "Root" },
    });
    const admin = (await res.json()) as { accessToken: string; user: { id: string } };
    const s = await signUp("erased-by-admin");
    const c = await publish(s.accessToken, { title: "Gone soon" });
    const plain = await signUp("not-an-admin");
    expect((await api(`/admin/users/${s.id}`, { method: "DELETE", token: plain.accessToken })).status).toBe(
      403,
    );
    expect(
      (await api(`/admin/users/${admin.user.id}`, { method: "DELETE", token: admin.accessToken })).status,
    ).toBe(409);
    expect((await api(`/admin/users/${s.id}`, { method: "DELETE", token: admin.accessToken })).status).toBe(
      204,
    );
    expect((await api(`/creations/${c.id}`)).status).toBe(404);
    expect((await api("/users/me", { token: s.accessToken })).status).toBe(401);
    expect((await api(`/admin/users/${s.id}`, { method: "DELETE", token: admin.accessToken })).status).toBe(
      404,
    );
    const record = await env.DB.prepare(
      "SELECT actor_id, detail FROM audit_log WHERE event = 'user.erased' AND subject_id = ?",
    )
      .bind(await pseudonym(env, s.id))
      .first<{ actor_id: string; detail: string }>();
    expect(record).toMatchObject({ actor_id: admin.user.id });
    expect(JSON.parse(record!.detail)).toMatchObject({ by: "admin" });
  });
});
