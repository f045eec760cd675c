/**
 * What a service needs from the world, passed one way everywhere: a service's first parameter is
 * this object, or the part of it the service uses (`Pick<Deps, "db">`), followed by who acts and
 * what they ask. Routes and pages build it from the request with `deps(c)`; queue consumers, the
 * Durable Object and the MCP server build it from their Env with `depsOf`.
 */
import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { type AuditContext, auditContext } from "./audit";
import { replicaDatabase } from "./d1-session";
import { type Database, database } from "./db";

export interface Deps {
  db: Database;
  env: Env;
  /** Request id and client pseudonym, for the audit log. */
  ctx: AuditContext;
}

export const deps = (c: Context<AppEnv>): Deps => ({ db: database(c.env), env: c.env, ctx: auditContext(c) });

/**
 * For public reads that may lag (the gallery's pages and API): `db` is a D1 session on the nearest
 * replica, at least as recent as the client's bookmark (lib/d1-session.ts). Writes and anything
 * security-relevant use `deps(c)`, the primary.
 */
export const readDeps = (c: Context<AppEnv>): Deps => ({ ...deps(c), db: replicaDatabase(c) });

/** Outside a request (a queue consumer, the Durable Object, a scheduled run). */
export const depsOf = (env: Env, ctx: AuditContext = {}): Deps => ({ db: database(env), env, ctx });
