/**
 * The gallery's read queries through the API, one request per query shape: they are prepared once per
 * isolate with placeholders (src/lib/db.ts), so each shape must bind its own values. Rows are written
 * with SQL, as the app leaves them, so these tests depend on the reads alone.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../../test/helpers";
import { bayesianRank } from "./ranking";

type Page = { items: { id: string }[]; nextCursor: string | null };
const page = async (path: string) => {
  const res = await api(path);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};
const ids = (p: Page) => p.items.map((c) => c.id);

// Valid ULIDs in age order (a1 oldest); the owners are two users.
const ALICE = "01JAAAAAAAAAAAAAAAAAAAAAAA";
const BOB = "01JBBBBBBBBBBBBBBBBBBBBBBB";
const C = {
  a1: "01JC0000000000000000000001",
  b1: "01JC0000000000000000000002",
  a2: "01JC0000000000000000000003",
  a3: "01JC0000000000000000000004",
};
// [id, owner, tags, scores (each creativity = uniqueness)]
const ROWS: [string, string, string[], number[]][] = [
  [C.a1, ALICE, ["prep-red", "prep-blue"], [10]],
  [C.b1, BOB, ["prep-red"], []],
  [C.a2, ALICE, ["prep-blue"], []],
  [C.a3, ALICE, ["prep-red"], [2]],
];

beforeAll(async () => {
  const now = Date.now();
  const statements = [
    env.DB.prepare(
      "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (?, ?, 'x', ?, ?, ?), (?, ?, 'x', ?, ?, ?)",
    ).bind(ALICE, "alice@example.com", "Alice", now, now, BOB, "bob@example.com", "Bob", now, now),
    env.DB.prepare("INSERT INTO tags (id, name, usage_count) VALUES (1, 'prep-red', 3), (2, 'prep-blue', 2)"),
  ];
  for (const [id, owner, tags, scores] of ROWS) {
    const sum = scores.reduce((a, b) => a + b, 0);
    const avg = scores.length ? sum / scores.length : 0;
    const rank = bayesianRank(scores.length, sum, sum);
    statements.push(
      env.DB.prepare(
        "INSERT INTO creations (id, owner_id, title, tags, created_at, updated_at, score_count, creativity_sum, uniqueness_sum, creativity_avg, uniqueness_avg, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ).bind(id, owner, id, JSON.stringify(tags), now, now, scores.length, sum, sum, avg, avg, rank),
      ...tags.map((t) =>
        env.DB.prepare(
          "INSERT INTO creation_tags (tag_id, creation_id, rank, creativity_avg, uniqueness_avg) VALUES (?, ?, ?, ?, ?)",
        ).bind(t === "prep-red" ? 1 : 2, id, rank, avg, avg),
      ),
    );
  }
  await env.DB.batch(statements);
});

describe("prepared gallery queries", () => {
  it("finds one creation by id, and none for an unknown id", async () => {
    const res = await api(`/creations/${C.a2}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(C.a2);
    expect((await api("/creations/01ARZ3NDEKTSV4RRFFQ69G5FAV")).status).toBe(404);
  });

  it("searches a tag newest first and pages by cursor", async () => {
    const first = await page("/creations/search?tag=prep-red&limit=2");
    expect(ids(first)).toEqual([C.a3, C.b1]);
    const second = await page(`/creations/search?tag=prep-red&limit=2&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual([C.a1]);
    expect(second.nextCursor).toBeNull();
    expect(ids(await page("/creations/search?tag=prep-blue"))).toEqual([C.a2, C.a1]);
  });

  it("lists newest, by owner, by owner and tag, and by a score key with its cursor", async () => {
    expect(ids(await page("/creations"))).toEqual([C.a3, C.a2, C.b1, C.a1]);
    expect(ids(await page(`/creations?owner=${ALICE}`))).toEqual([C.a3, C.a2, C.a1]);
    expect(ids(await page(`/creations?owner=${ALICE}&tag=prep-red`))).toEqual([C.a3, C.a1]);

    // a1 scored 10 ranks first; a2 has the prior's 5.5; a3 scored 2 ranks last.
    const top1 = await page(`/creations?owner=${ALICE}&sort=top&limit=1`);
    expect(ids(top1)).toEqual([C.a1]);
    const top2 = await page(`/creations?owner=${ALICE}&sort=top&limit=1&cursor=${top1.nextCursor}`);
    const top3 = await page(`/creations?owner=${ALICE}&sort=top&limit=1&cursor=${top2.nextCursor}`);
    expect([...ids(top2), ...ids(top3)]).toEqual([C.a2, C.a3]);
    expect(ids(await page("/creations?tag=prep-blue&sort=top"))).toEqual([C.a1, C.a2]);
  });
});
