/**
 * D1 read replication through the Sessions API. With replication on (a deployer enables it on the
 * database, see README), a D1 session may read from the replica nearest the Worker. Here:
 * - Writes, and every read that decides who may do what (auth, tokens, ownership before a change,
 *   rate limits), use `database(env)`: the primary, as without sessions.
 * - Reads that may lag (the public gallery: a creation, listing pages, tag suggestions) use
 *   `replicaDatabase(c)`, a session anchored at the client's bookmark when it sends one, else at
 *   "first-unconstrained" (any replica).
 * - Every response carries the newest bookmark this request knows in `X-D1-Bookmark` (and, for
 *   browsers, the `__Host-uxprt-d1` cookie, lib/session.ts): after a successful write, one taken on the primary after
 *   the write; after a replica read, the session's own. A client that sends it back (header, or the
 *   cookie, which browsers do by themselves) reads through a session at least that recent: it sees
 *   its own writes, wherever its next request lands.
 * Without replication every session reads the primary and bookmarks still round-trip.
 */
import { drizzle } from "drizzle-orm/d1";
import type { Context, MiddlewareHandler } from "hono";
import * as schema from "../db/schema";
import type { AppEnv } from "./app-env";
import type { Database } from "./db";
import { readBookmarkCookie, writeBookmarkCookie } from "./session";

export const BOOKMARK_HEADER = "X-D1-Bookmark";

/** D1's bookmarks are short printable tokens; anything else a client sends is ignored. */
const BOOKMARK = /^[\w.:-]{1,256}$/;

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function clientBookmark(c: Context<AppEnv>): string | undefined {
  const sent = c.req.header(BOOKMARK_HEADER) ?? readBookmarkCookie(c);
  return sent && BOOKMARK.test(sent) ? sent : undefined;
}

/** The request's replica session (made on first use), for reads that may lag. */
export function replicaDatabase(c: Context<AppEnv>): Database {
  let db = c.get("replica");
  if (!db) {
    const session = c.env.DB.withSession(clientBookmark(c) ?? "first-unconstrained");
    c.set("d1Session", session);
    db = drizzle(session as unknown as D1Database, { schema });
    c.set("replica", db);
  }
  return db;
}

/** A bookmark on the primary taken now: it covers every write that committed before it. */
async function primaryBookmark(d1: D1Database): Promise<string | null> {
  const session = d1.withSession("first-primary");
  await session.prepare("SELECT 1").first();
  return session.getBookmark();
}

/** Gives every response the newest bookmark the request knows (see above). */
export const bookmarks: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const wrote = UNSAFE.has(c.req.method) && c.res.status < 400;
  const mark = wrote
    ? await primaryBookmark(c.env.DB)
    : (c.get("d1Session")?.getBookmark() ?? clientBookmark(c) ?? null);
  if (!mark) return;
  c.res.headers.set(BOOKMARK_HEADER, mark);
  if (wrote) writeBookmarkCookie(c, mark);
};
