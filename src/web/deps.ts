/** The services' dependencies for a page request: D1, the Env, and the audit log's request facts. */
import type { Context } from "hono";
import { auditContext } from "../lib/audit";
import { database } from "../lib/db";
import type { AppEnv } from "../lib/app-env";

export const deps = (c: Context<AppEnv>) => ({ db: database(c.env), env: c.env, ctx: auditContext(c) });
