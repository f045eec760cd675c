/**
 * The drizzle handle over D1: one per D1 binding, reused by every request of the isolate (the binding
 * object is the same across requests), so queries prepared on it can be reused too.
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../db/schema";

const connect = (d1: D1Database) => drizzle(d1, { schema });
export type Database = ReturnType<typeof connect>;

const handles = new WeakMap<D1Database, Database>();

export function database(env: Env): Database {
  let db = handles.get(env.DB);
  if (!db) handles.set(env.DB, (db = connect(env.DB)));
  return db;
}

const prepared = new WeakMap<Database, Map<string, unknown>>();

/**
 * A query drizzle turns into SQL once per isolate instead of on every execution: on a hot read that
 * conversion was about a third of the isolate's CPU (docs/PERFORMANCE.md). `key` names the query's
 * shape; values vary only through sql.placeholder.
 */
export function preparedOnce<T>(db: Database, key: string, make: () => T): T {
  let mine = prepared.get(db);
  if (!mine) prepared.set(db, (mine = new Map()));
  let query = mine.get(key) as T | undefined;
  if (query === undefined) mine.set(key, (query = make()));
  return query;
}
