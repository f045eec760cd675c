/**
 * The SQL the app sends to D1 for a read, captured by running the app's own query function over a
 * D1 stand-in that records instead of executing. The reference worker runs exactly this SQL with no
 * framework around it, so "app vs D1 reference" compares the same query.
 */
import { appModules } from "./app-modules.mjs";

function recordingD1(log) {
  const statement = (sql, params = []) => ({
    bind: (...p) => statement(sql, p),
    raw: async () => (log.push({ sql, params }), []),
    all: async () => (log.push({ sql, params }), { results: [] }),
    first: async () => (log.push({ sql, params }), null),
    run: async () => (log.push({ sql, params }), { results: [] }),
  });
  return { prepare: (sql) => statement(sql) };
}

async function capture(run) {
  const app = await appModules();
  const log = [];
  await run(app, app.database({ DB: recordingD1(log) }));
  if (log.length !== 1) throw new Error(`expected one statement, captured ${log.length}`);
  return log[0];
}

/** A placeholder value the reference worker swaps for the request's own value. */
export const SLOT = "__bench_slot__";

/** Tag search as GET /creations/search runs it (sort newest, first page). */
export const tagSearchSql = (limit) =>
  capture((app, db) => app.listCreations(db, { tag: SLOT, sort: "newest", limit }));

/** Creation by id as GET /creations/{id} runs it on a cache miss. */
export const byIdSql = () => capture((app, db) => app.findCreation(db, { id: SLOT }));
