/**
 * The two yardsticks, in their own tiny Worker that only the bench's Miniflare runs (never deployed,
 * never bundled with the app):
 *   GET /bare          constant JSON: the runtime's own ceiling for any route.
 *   GET /search?tag=   the app's tag-search SQL, captured from the app (see lib/app-sql.mjs), run on
 *                      the same D1 with no framework: prepare, bind, all, Response.json.
 *   GET /by-id?id=     the same for the creation-by-id SQL.
 * The SQL arrives as JSON bindings, {sql, params} with SLOT standing for the request's value.
 */
const BARE = { status: "ok" };

async function query(db, { sql, params, slot }, value) {
  const { results } = await db
    .prepare(sql)
    .bind(...params.map((p) => (p === slot ? value : p)))
    .all();
  return Response.json({ items: results });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/bare":
        return Response.json(BARE);
      case "/search":
        return query(env.DB, env.SEARCH_QUERY, url.searchParams.get("tag"));
      case "/by-id":
        return query(env.DB, env.BY_ID_QUERY, url.searchParams.get("id"));
      default:
        return new Response("Not found", { status: 404 });
    }
  },
};
