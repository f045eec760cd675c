import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, creationForm, problem, publish, png, signUp } from "../../../test/helpers";

type Page = {
  items: {
    id: string;
    title: string;
    tags: string[];
    owner: { displayName: string };
    score: { rank: number };
  }[];
  nextCursor: string | null;
};

describe("publishing", () => {
  it("stores the creation, its image in R2 and normalized tags", async () => {
    const s = await signUp("maker");
    const res = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({
        title: " Castle ",
        description: "Moat included",
        tags: ["Lego Technic", "castle", "CASTLE"],
        image: png(640, 480),
      }),
    });
    expect(res.status).toBe(201);
    const c = (await res.json()) as Record<string, any>;
    expect(c).toMatchObject({
      title: "Castle",
      description: "Moat included",
      tags: ["lego-technic", "castle"],
      owner: { id: s.id, displayName: "maker" },
    });
    expect(c.image).toMatchObject({
      type: "image/png",
      width: 640,
      height: 480,
      url: `/api/v1/creations/${c.id}/image`,
    });
    expect(c.score).toEqual({ count: 0, creativityAvg: 0, uniquenessAvg: 0, rank: 5.5 });
    expect(res.headers.get("Location")).toBe(`/api/v1/creations/${c.id}`);
    expect(await env.MEDIA.head(`creations/${c.id}/image`)).not.toBeNull();
  });

  it("needs a signed-in user", async () => {
    const res = await api("/creations", { method: "POST", body: creationForm({ title: "Anon" }) });
    expect(res.status).toBe(401);
  });

  it("rejects bad fields with 422 naming each one", async () => {
    const s = await signUp("badfields");
    const res = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({ title: "", description: "d".repeat(2001), tags: ["ok", "no spaces!"] }),
    });
    expect(res.status).toBe(422);
    const fields = (await problem(res)).errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "description"]));
    expect(fields.some((f) => f.startsWith("tags"))).toBe(true);
  });

  it("allows at most ten tags", async () => {
    const s = await signUp("tags");
    const tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    const res = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({ title: "Many", tags }),
    });
    expect(res.status).toBe(422);
  });

  it("ignores no field it does not know: owner and counts cannot be set", async () => {
    const s = await signUp("mass");
    const res = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({ title: "X", extra: { ownerId: "someone", scoreCount: "99" } }),
    });
    expect(res.status).toBe(422);
  });

  it("checks the image by its bytes: a text file named .png is 415", async () => {
    const s = await signUp("fake");
    const res = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({
        title: "Fake",
        image: new TextEncoder().encode("<svg onload=alert(1)>"),
        imageType: "image/png",
      }),
    });
    expect(res.status).toBe(415);
    await problem(res);
  });

  it("refuses images over 5 MiB with 413 and over the pixel cap with 422", async () => {
    const s = await signUp("huge");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png());
    const tooBig = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({ title: "Big", image: big }),
    });
    expect(tooBig.status).toBe(413);
    const tooWide = await api("/creations", {
      method: "POST",
      token: s.accessToken,
      body: creationForm({ title: "Wide", image: png(20000, 10) }),
    });
    expect(tooWide.status).toBe(422);
    const objects = await env.MEDIA.list({ prefix: "creations/" });
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM creations WHERE title IN ('Big', 'Wide')",
    ).first<{ n: number }>();
    expect(rows?.n).toBe(0);
    expect(objects.objects.every((o) => o.customMetadata?.ownerId !== s.id)).toBe(true);
  });

  it("answers a JSON body with 415", async () => {
    const s = await signUp("json");
    const res = await api("/creations", { method: "POST", token: s.accessToken, json: { title: "Nope" } });
    expect(res.status).toBe(415);
  });
});

describe("reading", () => {
  it("shows one creation without the owner's email", async () => {
    const s = await signUp("shown");
    const c = await publish(s.accessToken, { title: "Shown", tags: ["a"] });
    const res = await api(`/creations/${c.id}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(s.email);
    expect(JSON.parse(text)).not.toHaveProperty("myScore");
  });

  it("404s unknown and malformed ids alike", async () => {
    expect((await api("/creations/01ARZ3NDEKTSV4RRFFQ69G5FAV")).status).toBe(404);
    expect((await api("/creations/not-an-id")).status).toBe(404);
  });

  it("serves the image bytes with type, ETag, long caching and nosniff, and 304 on revalidation", async () => {
    const s = await signUp("img");
    const bytes = png(3, 3);
    const c = await publish(s.accessToken, { title: "Img", image: bytes });
    const res = await api(`/creations/${c.id}/image`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Cache-Control")).toContain("max-age=31536000");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    const etag = res.headers.get("ETag")!;
    const again = await api(`/creations/${c.id}/image`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it("pages the newest listing with a cursor, without gaps or repeats", async () => {
    const s = await signUp("pager");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await publish(s.accessToken, { title: `P${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await (
        await api(`/creations?owner=${s.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("rejects a forged cursor with 400", async () => {
    const res = await api("/creations?cursor=bm90LWpzb24");
    expect(res.status).toBe(400);
    await problem(res);
  });

  it("limits page size to 50", async () => {
    expect((await api("/creations?limit=51")).status).toBe(422);
  });
});

describe("tag search", () => {
  it("finds creations by exact tag, case-insensitively, and nothing else", async () => {
    const s = await signUp("tagger");
    const a = await publish(s.accessToken, { title: "A", tags: ["spaceship", "red"] });
    await publish(s.accessToken, { title: "B", tags: ["spaceships"] });
    const page: Page = await (await api("/creations/search?tag=SpaceShip")).json();
    expect(page.items.map((i) => i.id)).toEqual([a.id]);
    const listed: Page = await (await api("/creations?tag=red")).json();
    expect(listed.items.map((i) => i.id)).toEqual([a.id]);
  });

  it("requires a tag", async () => {
    expect((await api("/creations/search")).status).toBe(422);
  });

  it("suggests tags by prefix with counts, most used first", async () => {
    const s = await signUp("suggest");
    await publish(s.accessToken, { title: "1", tags: ["robot", "robotics"] });
    await publish(s.accessToken, { title: "2", tags: ["robot"] });
    const res = (await (await api("/tags?prefix=Rob")).json()) as {
      items: { name: string; count: number }[];
    };
    expect(res.items).toEqual([
      { name: "robot", count: 2 },
      { name: "robotics", count: 1 },
    ]);
  });

  it("validates the prefix after normalising it like a tag; empty or absent means the most used tags", async () => {
    const s = await signUp("prefixes");
    await publish(s.accessToken, { title: "1", tags: ["lego-technic", "lego"] });
    for (const raw of ["%E2%80%A8%E2%80%A9", "%20%20", "%09"]) {
      const res = await api(`/tags?prefix=${raw}`);
      expect(res.status, raw).toBe(422);
      expect((await problem(res)).errors?.[0]?.field).toBe("prefix");
    }
    expect((await api("/tags?prefix=%3Cb%3E")).status).toBe(422);
    expect((await api(`/tags?prefix=${"a".repeat(33)}`)).status).toBe(422);
    // Whitespace inside becomes '-', as in a tag.
    const spaced = (await (await api("/tags?prefix=Lego%20Tech")).json()) as { items: { name: string }[] };
    expect(spaced.items.map((i) => i.name)).toEqual(["lego-technic"]);
    for (const path of ["/tags", "/tags?prefix="]) {
      const res = await api(path);
      expect(res.status, path).toBe(200);
      expect(((await res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    }
  });
});

describe("editing and deleting", () => {
  it("lets the owner edit title and tags, and tag search follows", async () => {
    const s = await signUp("editor");
    const c = await publish(s.accessToken, { title: "Old", tags: ["before"] });
    const res = await api(`/creations/${c.id}`, {
      method: "PATCH",
      token: s.accessToken,
      json: { title: "New", tags: ["after"] },
    });
    expect(await res.json()).toMatchObject({ title: "New", tags: ["after"] });
    expect(((await (await api("/creations/search?tag=before")).json()) as Page).items).toHaveLength(0);
    expect(
      ((await (await api("/creations/search?tag=after")).json()) as Page).items.map((i) => i.id),
    ).toEqual([c.id]);
    const suggestions = (await (await api("/tags?prefix=before")).json()) as { items: unknown[] };
    expect(suggestions.items).toEqual([]);
  });

  it("another user can neither change nor delete someone's creation", async () => {
    const owner = await signUp("owner");
    const other = await signUp("other");
    const c = await publish(owner.accessToken, { title: "Mine", image: png() });
    const patch = await api(`/creations/${c.id}`, {
      method: "PATCH",
      token: other.accessToken,
      json: { title: "Stolen" },
    });
    expect(patch.status).toBe(403);
    const del = await api(`/creations/${c.id}`, { method: "DELETE", token: other.accessToken });
    expect(del.status).toBe(403);
    expect(await (await api(`/creations/${c.id}`)).json()).toMatchObject({ title: "Mine" });
  });

  it("deleting removes the row, the image and the scores", async () => {
    const owner = await signUp("deleter");
    const fan = await signUp("fan");
    const c = await publish(owner.accessToken, { title: "Gone", image: png(), tags: ["gone"] });
    await api(`/creations/${c.id}/score`, {
      method: "PUT",
      token: fan.accessToken,
      json: { creativity: 7, uniqueness: 7 },
    });
    expect((await api(`/creations/${c.id}`, { method: "DELETE", token: owner.accessToken })).status).toBe(
      204,
    );
    expect((await api(`/creations/${c.id}`)).status).toBe(404);
    expect((await api(`/creations/${c.id}/image`)).status).toBe(404);
    expect(await env.MEDIA.head(`creations/${c.id}/image`)).toBeNull();
    const scores = await env.DB.prepare("SELECT count(*) AS n FROM scores WHERE creation_id = ?")
      .bind(c.id)
      .first<{ n: number }>();
    expect(scores?.n).toBe(0);
    expect(((await (await api("/creations/search?tag=gone")).json()) as Page).items).toHaveLength(0);
  });
});

describe("scoring", () => {
  it("keeps one score per user, updates the summary and shows the caller their own score", async () => {
    const owner = await signUp("artist");
    const fan = await signUp("critic");
    const c = await publish(owner.accessToken, { title: "Scored" });
    const first = await api(`/creations/${c.id}/score`, {
      method: "PUT",
      token: fan.accessToken,
      json: { creativity: 8, uniqueness: 6 },
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ score: { count: 1, creativityAvg: 8, uniquenessAvg: 6 } });
    await api(`/creations/${c.id}/score`, {
      method: "PUT",
      token: fan.accessToken,
      json: { creativity: 10, uniqueness: 4 },
    });
    const seen = (await (await api(`/creations/${c.id}`, { token: fan.accessToken })).json()) as Record<
      string,
      any
    >;
    expect(seen.score).toMatchObject({ count: 1, creativityAvg: 10, uniquenessAvg: 4 });
    expect(seen.myScore).toEqual({ creativity: 10, uniqueness: 4 });
    // The cached public view never carries one user's score to another.
    const anon = (await (await api(`/creations/${c.id}`)).json()) as Record<string, any>;
    expect(anon).not.toHaveProperty("myScore");
    const owners = (await (await api(`/creations/${c.id}`, { token: owner.accessToken })).json()) as Record<
      string,
      any
    >;
    expect(owners.myScore).toBeNull();
  });

  it("refuses scoring one's own creation", async () => {
    const s = await signUp("self");
    const c = await publish(s.accessToken, { title: "Me" });
    const res = await api(`/creations/${c.id}/score`, {
      method: "PUT",
      token: s.accessToken,
      json: { creativity: 10, uniqueness: 10 },
    });
    expect(res.status).toBe(403);
  });

  it("checks the range and that the creation exists", async () => {
    const s = await signUp("ranger");
    const owner = await signUp("ranged");
    const c = await publish(owner.accessToken, { title: "R" });
    for (const body of [
      { creativity: 0, uniqueness: 5 },
      { creativity: 11, uniqueness: 5 },
      { creativity: 5.5, uniqueness: 5 },
      { creativity: 5 },
    ]) {
      expect(
        (await api(`/creations/${c.id}/score`, { method: "PUT", token: s.accessToken, json: body })).status,
      ).toBe(422);
    }
    const missing = await api("/creations/01ARZ3NDEKTSV4RRFFQ69G5FAV/score", {
      method: "PUT",
      token: s.accessToken,
      json: { creativity: 5, uniqueness: 5 },
    });
    expect(missing.status).toBe(404);
  });

  it("needs a signed-in user", async () => {
    const owner = await signUp("anonscore");
    const c = await publish(owner.accessToken, { title: "R" });
    expect(
      (await api(`/creations/${c.id}/score`, { method: "PUT", json: { creativity: 5, uniqueness: 5 } }))
        .status,
    ).toBe(401);
  });

  it("ranks by Bayesian average: fifty 9s beat one 10", async () => {
    const owner = await signUp("ranked");
    const lone = await publish(owner.accessToken, { title: "Lone ten", tags: ["rankme"] });
    const loved = await publish(owner.accessToken, { title: "Many nines", tags: ["rankme"] });
    const voter = await signUp("voter");
    await api(`/creations/${lone.id}/score`, {
      method: "PUT",
      token: voter.accessToken,
      json: { creativity: 10, uniqueness: 10 },
    });
    // Fifty votes written straight to the sums, as fifty PUTs would leave them.
    await env.DB.prepare(
      "UPDATE creations SET score_count = 50, creativity_sum = 450, uniqueness_sum = 450, creativity_avg = 9, uniqueness_avg = 9, rank = (5 * 5.5 + 450) / 55.0 WHERE id = ?",
    )
      .bind(loved.id)
      .run();
    await env.DB.prepare(
      "UPDATE creation_tags SET rank = (SELECT rank FROM creations WHERE id = ?) WHERE creation_id = ?",
    )
      .bind(loved.id, loved.id)
      .run();
    const edit = await api(`/creations/${loved.id}`, {
      method: "PATCH",
      token: owner.accessToken,
      json: { title: "Many nines!" },
    });
    expect(edit.status).toBe(200);
    const top: Page = await (await api("/creations?tag=rankme&sort=top")).json();
    expect(top.items.map((i) => i.id)).toEqual([loved.id, lone.id]);
    expect(top.items[1]!.score.rank).toBeCloseTo(6.25, 2);
  });
});
