/**
 * The audit log of security events. `auditEntry` returns an insert statement instead of running it,
 * so callers put it in the same D1 batch as the change it records: both land or neither does.
 */
import { or, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { auditLog } from "../db/schema";
import { newId } from "./crypto";
import type { AppEnv } from "./app-env";
import type { Database } from "./db";
import { iso, jsonFile, type PersonalData } from "./personal-data";

export type AuditEvent =
  | "user.registered"
  | "login.succeeded"
  | "login.failed"
  | "token.reuse_detected"
  | "password.changed"
  | "sessions.revoked"
  | "password.reset_requested"
  | "password.reset"
  | "user.updated_by_admin"
  | "creation.deleted"
  | "creation.deleted_by_admin"
  | "consent.changed"
  | "data.export_requested"
  | "user.erased"
  | "data_keys.rotated"
  | "token.created"
  | "token.revoked"
  | "token.used_from_new_client";

export interface AuditFacts {
  event: AuditEvent;
  actorId?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

/** Request-scoped facts for an audit entry: the request id and the client's pseudonym. */
export interface AuditContext {
  requestId?: string;
  client?: string;
}

/** Request-scoped facts (request id, pseudonymous client) taken from the Hono context. */
export const auditContext = (c: Context<AppEnv>): AuditContext => ({
  requestId: c.get("requestId"),
  client: c.get("client"),
});

export function auditEntry(db: Database, ctx: AuditContext, facts: AuditFacts) {
  return db.insert(auditLog).values({
    id: newId(),
    at: Date.now(),
    event: facts.event,
    actorId: facts.actorId ?? null,
    subjectId: facts.subjectId ?? null,
    requestId: ctx.requestId ?? null,
    client: ctx.client ?? null,
    detail: facts.detail ? JSON.stringify(facts.detail) : null,
  });
}

/** Entries by or about a user, oldest first. */
export const auditEntriesAbout = (db: Database, { userId }: { userId: string }) =>
  db
    .select()
    .from(auditLog)
    .where(or(eq(auditLog.actorId, userId), eq(auditLog.subjectId, userId)))
    .orderBy(auditLog.id);

/** Entries about the user, by the user, or naming them in their detail (e.g. a moderated creation's owner). */
export const deleteAuditEntriesAbout = (db: Database, { userId }: { userId: string }) =>
  db
    .delete(auditLog)
    .where(
      or(
        eq(auditLog.actorId, userId),
        eq(auditLog.subjectId, userId),
        sql`instr(${auditLog.detail}, ${userId}) > 0`,
      ),
    );

/** Entries by or about a user are theirs to read, and go when they are erased. */
export const auditData: PersonalData = {
  owner: "lib/audit",
  tables: [auditLog],
  export: [
    {
      name: "audit",
      description:
        "audit.json: security and privacy events about your account (client: a keyed pseudonym of the network address).",
      async collect({ db, userId }) {
        const rows = await auditEntriesAbout(db, { userId });
        const items = rows.map((r) => ({
          at: iso(r.at),
          event: r.event,
          byYou: r.actorId === userId,
          requestId: r.requestId,
          client: r.client,
          detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
        }));
        return { files: [jsonFile("audit.json", items)], count: items.length };
      },
    },
  ],
  async erase({ db, user }) {
    return { before: [deleteAuditEntriesAbout(db, { userId: user.id })] };
  },
};
