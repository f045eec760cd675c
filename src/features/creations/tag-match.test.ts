/**
 * Gallery search by the start of a tag and by near spellings: what it finds, how it pages, that the
 * exact search stays exact, and that each lookup is a walk of an index (no scan of the tag table).
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser";
import { api, publish, signUp } from "../../../test/helpers";
import { database } from "../../lib/db";
import { tagsSpelledLike, tagsWithPrefix } from "./queries";
import { spellings, withinOneEdit } from "./spelling";

type Page = { items: { id: string; title: string }[]; nextCursor: string | null; matchedTags?: string[] };
const search = async (query: string) => {
  const res = await api(`/creations?${query}`);
  expect(res.status, query).toBe(200);
  return (await res.json()) as Page;
};
const titles = (p: Page) => p.items.map((i) => i.title);

describe("near spellings", () => {
  it("indexes a name under itself and each form one letter shorter", () => {
    expect(spellings("abc")).toEqual(["abc", "bc", "ac", "ab"]);
    expect(spellings("aab")).toEqual(["aab", "ab", "aa"]);
    expect(spellings("a")).toEqual(["a"]);
  });

  it("accepts one missing, extra, wrong or swapped letter, and nothing further", () => {
    for (const typo of ["restaurant", "resturant", "restaurants", "restaurent", "restaurnat", "estaurant"])
      expect(withinOneEdit(typo, "restaurant"), typo).toBe(true);
    // Sharing a shortened form can mean two edits ("abxd" and "abdy" both shorten to "abd").
    for (const far of ["rest", "resort", "restuarnt", "rsetaurnat", "restaurant-x"])
      expect(withinOneEdit(far, "restaurant"), far).toBe(false);
    expect(withinOneEdit("abxd", "abdy")).toBe(false);
  });
});

describe("searching the gallery by a tag's start or a near spelling", () => {
  let s: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    s = await signUp("fuzzy");
    // Oldest first: newest-first pages list them backwards.
    await publish(s.accessToken, { title: "Diner", tags: ["restaurant"] });
    await publish(s.accessToken, { title: "Roadhouse", tags: ["restaurant", "rest-stop"] });
    await publish(s.accessToken, { title: "Lay-by", tags: ["rest-stop"] });
    await publish(s.accessToken, { title: "Spa", tags: ["resort"] });
  });

  it("finds the tags a typed start begins, each creation once, with the tags it covered", async () => {
    const page = await search("tag=Rest&match=similar");
    expect(titles(page)).toEqual(["Lay-by", "Roadhouse", "Diner"]);
    // Both are used twice; then by name ('-' sorts before 'a').
    expect(page.matchedTags).toEqual(["rest-stop", "restaurant"]);
  });

  it("finds a tag from a spelling one edit away, but not from a short or far one", async () => {
    for (const typo of ["resturant", "restaurnat", "restaurants", "restauramt"]) {
      const page = await search(`tag=${typo}&match=similar`);
      expect(page.matchedTags, typo).toEqual(["restaurant"]);
      expect(titles(page), typo).toEqual(["Roadhouse", "Diner"]);
    }
    expect((await search("tag=resor&match=similar")).matchedTags).toEqual(["resort"]);
    // Three letters are too short for near spellings ("spa" is not "sap"); a far one finds nothing.
    expect(titles(await search("tag=sap&match=similar"))).toEqual([]);
    const none = await search("tag=restuarnt&match=similar");
    expect(none).toMatchObject({ items: [], nextCursor: null, matchedTags: [] });
  });

  it("pages the union by cursor without gaps or repeats, under any sort", async () => {
    for (const sort of ["newest", "top"]) {
      const first = await search(`tag=rest&match=similar&limit=2&sort=${sort}`);
      expect(first.items).toHaveLength(2);
      const rest = await search(
        `tag=rest&match=similar&limit=2&sort=${sort}&cursor=${encodeURIComponent(first.nextCursor!)}`,
      );
      expect(rest.nextCursor).toBeNull();
      expect([...titles(first), ...titles(rest)].sort()).toEqual(["Diner", "Lay-by", "Roadhouse"]);
    }
  });

  it("keeps the exact search exact unless asked", async () => {
    expect(titles(await search("tag=rest"))).toEqual([]);
    expect((await search("tag=rest")).matchedTags).toBeUndefined();
    const exact = (await (await api("/creations/search?tag=restaurant")).json()) as Page;
    expect(titles(exact)).toEqual(["Roadhouse", "Diner"]);
    expect((await api("/creations?tag=rest&match=fuzzy")).status).toBe(422);
  });

  it("shows the gallery page's search the covered tags", async () => {
    const { res, html } = await new TestBrowser().page("/gallery?tag=resturant");
    expect(res.status).toBe(200);
    expect(html).toContain("Roadhouse");
    expect(html).toContain("#restaurant");
    expect(html).toContain("(matching “resturant”)");
    expect(html).not.toContain("Lay-by");
  });

  it("indexes a new tag's spellings when it is first used", async () => {
    const count = async () =>
      (
        await env.DB.prepare(
          "SELECT count(*) AS n FROM tag_spellings WHERE tag_id = (SELECT id FROM tags WHERE name = 'resort')",
        ).first<{ n: number }>()
      )?.n;
    expect(await count()).toBe(spellings("resort").length);
  });

  it("reads each candidate set from an index, never the whole table", async () => {
    const db = database(env);
    const plans = [
      tagsWithPrefix(db, { prefix: "rest", scan: 50 }).toSQL(),
      tagsSpelledLike(db, { forms: spellings("resturant"), scan: 30 }).toSQL(),
    ];
    for (const { sql, params } of plans) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const steps = plan.results.map((r) => r.detail);
      expect(
        steps.some((d) => /^SEARCH (tags|tag_spellings) USING/.test(d)),
        steps.join("; "),
      ).toBe(true);
      expect(
        steps.filter((d) => /^SCAN (tags|tag_spellings)\b/.test(d)),
        steps.join("; "),
      ).toEqual([]);
    }
  });
});
