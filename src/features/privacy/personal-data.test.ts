import { env } from "cloudflare:test";
import { getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PERSONAL_DATA } from "./personal-data";

/** A column that names a user: whoever owns, gave, did or is the subject of the row. */
const USER_COLUMN = /^(owner|user|actor|subject)(_id)?$/;

/** The tables the migrations really made, with their columns (FTS5 shadow tables left out). */
async function d1Tables() {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'
       AND name NOT IN (SELECT v.name || s.suffix FROM sqlite_master v,
         (SELECT '_data' AS suffix UNION SELECT '_idx' UNION SELECT '_content' UNION SELECT '_docsize' UNION SELECT '_config') s
         WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%')`,
  ).all<{ name: string }>();
  return Promise.all(
    results.map(async ({ name }) => {
      const columns = await env.DB.prepare("SELECT name FROM pragma_table_info(?)")
        .bind(name)
        .all<{ name: string }>();
      return { name, columns: columns.results.map((c) => c.name) };
    }),
  );
}

const declared = () =>
  PERSONAL_DATA.flatMap((d) => d.tables.map((t) => ({ table: getTableName(t), owner: d.owner })));

describe("personal data declarations", () => {
  it("cover every D1 table that names a user, so export and erasure cannot miss one", async () => {
    const tables = await d1Tables();
    const names = new Set(declared().map((d) => d.table));
    const personal = tables.filter((t) => t.name === "users" || t.columns.some((c) => USER_COLUMN.test(c)));
    // The schema as it stands has these; the list guards the query above against finding nothing.
    expect(personal.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "users",
        "creations",
        "scores",
        "projects",
        "artifacts",
        "artifact_search",
        "audit_log",
      ]),
    );
    expect(personal.filter((t) => !names.has(t.name)).map((t) => t.name)).toEqual([]);
  });

  it("name only tables that exist, each in one declaration", async () => {
    const existing = new Set((await d1Tables()).map((t) => t.name));
    const all = declared();
    expect(all.filter((d) => !existing.has(d.table))).toEqual([]);
    expect(all.length).toBe(new Set(all.map((d) => d.table)).size);
  });

  it("give the export sections distinct names", () => {
    const sections = PERSONAL_DATA.flatMap((d) => d.export.map((s) => s.name));
    expect(sections.length).toBe(new Set(sections).size);
  });
});
