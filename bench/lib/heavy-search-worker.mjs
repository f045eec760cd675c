/**
 * The library search as the app runs it (searchArtifacts, through drizzle on D1), for
 * bench/lib/heavy-search.mjs: GET /search?text=…&any=0|1 searches owner u1's artifacts, 20 a page.
 * GET /match?expr=… runs a raw FTS5 match instead: the reference for the rules the app had before
 * search-terms.ts bounded them.
 */
import { searchArtifacts } from "../../src/features/artifacts/queries.ts";
import { database } from "../../src/lib/db.ts";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/match") {
      const { results } = await env.DB.prepare(
        "SELECT rowid FROM artifact_search WHERE artifact_search MATCH ? ORDER BY bm25(artifact_search, 0, 5.0, 1.0) LIMIT 21",
      )
        .bind(url.searchParams.get("expr"))
        .all();
      return Response.json({ rows: results.length });
    }
    const rows = await searchArtifacts(database(env), {
      ownerId: "u1",
      text: url.searchParams.get("text") ?? "",
      anyTerm: url.searchParams.get("any") === "1",
      offset: 0,
      limit: 20,
    });
    return Response.json({ rows: rows.length });
  },
};
