// Failure and concurrency paths, in their own file so their storage is their own.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, creationForm, publish, png, signUp } from "../../../test/helpers";

describe("integrity", () => {
  it("20 concurrent score PUTs by one user leave one score row and a correct summary", async () => {
    const owner = await signUp("popular");
    const fan = await signUp("eager");
    const c = await publish(owner.accessToken, { title: "Hot", tags: ["hot"] });
    const votes = Array.from({ length: 20 }, (_, i) => ({
      creativity: (i % 10) + 1,
      uniqueness: 10 - (i % 10),
    }));
    const results = await Promise.all(
      votes.map((json) => api(`/creations/${c.id}/score`, { method: "PUT", token: fan.accessToken, json })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = await env.DB.prepare("SELECT creativity, uniqueness FROM scores WHERE creation_id = ?")
      .bind(c.id)
      .all<{ creativity: number; uniqueness: number }>();
    expect(rows.results).toHaveLength(1);
    const kept = rows.results[0]!;
    const summary = await env.DB.prepare(
      "SELECT score_count, creativity_sum, uniqueness_sum, creativity_avg, rank FROM creations WHERE id = ?",
    )
      .bind(c.id)
      .first<Record<string, number>>();
    expect(summary).toMatchObject({
      score_count: 1,
      creativity_sum: kept.creativity,
      uniqueness_sum: kept.uniqueness,
      creativity_avg: kept.creativity,
    });
    expect(summary!.rank!).toBeCloseTo((5 * 5.5 + (kept.creativity + kept.uniqueness) / 2) / 6, 9);
    const tagCopy = await env.DB.prepare("SELECT rank FROM creation_tags WHERE creation_id = ?")
      .bind(c.id)
      .first<{ rank: number }>();
    expect(tagCopy!.rank).toBeCloseTo(summary!.rank!, 9);
  });

  it("concurrent scores by many users all count", async () => {
    const owner = await signUp("crowd");
    const c = await publish(owner.accessToken, { title: "Crowd" });
    const fans = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(`fan${i}`)));
    await Promise.all(
      fans.map((f, i) =>
        api(`/creations/${c.id}/score`, {
          method: "PUT",
          token: f.accessToken,
          json: { creativity: i + 1, uniqueness: 5 },
        }),
      ),
    );
    const view = (await (await api(`/creations/${c.id}`)).json()) as {
      score: { count: number; creativityAvg: number; uniquenessAvg: number };
    };
    expect(view.score).toMatchObject({ count: 8, creativityAvg: 4.5, uniquenessAvg: 5 });
  });

  it("a failed D1 write after the R2 put leaves no object behind", async () => {
    const s = await signUp("unlucky");
    await env.DB.prepare(
      "CREATE TRIGGER fail_creations BEFORE INSERT ON creations BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    ).run();
    try {
      const res = await api("/creations", {
        method: "POST",
        token: s.accessToken,
        body: creationForm({ title: "Doomed", image: png(), tags: ["doomed"] }),
      });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).not.toContain("disk full");
      expect(body).not.toMatch(/at .*\.ts/);
    } finally {
      await env.DB.prepare("DROP TRIGGER fail_creations").run();
    }
    const objects = await env.MEDIA.list({ prefix: "creations/" });
    expect(objects.objects).toHaveLength(0);
    const tags = await env.DB.prepare("SELECT count(*) AS n FROM tags WHERE name = 'doomed'").first<{
      n: number;
    }>();
    expect(tags?.n).toBe(0);
  });

  it("listings reflect writes at once: new creations, edits and scores", async () => {
    const owner = await signUp("fresh");
    const fan = await signUp("freshfan");
    const before = (await (await api("/creations?tag=fresh")).json()) as { items: unknown[] };
    expect(before.items).toHaveLength(0);
    const c = await publish(owner.accessToken, { title: "Fresh", tags: ["fresh"] });
    const after = (await (await api("/creations?tag=fresh")).json()) as {
      items: { id: string; score: { count: number } }[];
    };
    expect(after.items.map((i) => i.id)).toEqual([c.id]);
    await api(`/creations/${c.id}/score`, {
      method: "PUT",
      token: fan.accessToken,
      json: { creativity: 9, uniqueness: 9 },
    });
    const scored = (await (await api("/creations?tag=fresh")).json()) as {
      items: { score: { count: number } }[];
    };
    expect(scored.items[0]!.score.count).toBe(1);
    expect(
      ((await (await api(`/creations/${c.id}`)).json()) as { score: { count: number } }).score.count,
    ).toBe(1);
  });

  it("a tag sort pages through ties without gaps or repeats", async () => {
    const owner = await signUp("ties");
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++)
      ids.add((await publish(owner.accessToken, { title: `T${i}`, tags: ["tie"] })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = (await (
        await api(`/creations?tag=tie&sort=top&limit=3${cursor ? `&cursor=${cursor}` : ""}`)
      ).json()) as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(ids);
    const mixed = await api(
      `/creations?tag=tie&sort=newest&cursor=${encodeURIComponent(((await (await api("/creations?tag=tie&sort=top&limit=1")).json()) as { nextCursor: string }).nextCursor)}`,
    );
    expect(mixed.status).toBe(400);
  });
});
