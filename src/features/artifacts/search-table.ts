/**
 * The FTS5 table of migrations/0003, described for drizzle's query builder only. It lives outside
 * src/db/schema.ts on purpose: drizzle-kit must not try to create it as an ordinary table.
 */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const artifactSearch = sqliteTable("artifact_search", {
  rowid: integer("rowid"),
  owner: text("owner"),
  title: text("title"),
  body: text("body"),
});
