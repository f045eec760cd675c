/**
 * The audit log of security events. `auditEntry` returns an insert statement instead of running it,
 * so callers put it in the same D1 batch as the change it records: both land or neither does.
 */
import type { Context } from "hono";
import { auditLog } from "../db/schema";
import { newId } from "./crypto";
import type { AppEnv } from "./app-env";
import type { Database } from "./db";

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

/** Request-scoped facts (request id, pseudonymous client) taken from the Hono context. */
export const auditContext = (c: Context<AppEnv>) => ({
  requestId: c.get("requestId"),
  client: c.get("client"),
});

export function auditEntry(db: Database, ctx: { requestId?: string; client?: string }, facts: AuditFacts) {
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
