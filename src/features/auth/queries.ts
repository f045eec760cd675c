/** Named D1 queries of accounts. Each takes one object parameter. */
import { and, eq, isNull } from "drizzle-orm";
import { outbox, refreshTokens, users } from "../../db/schema";
import type { Database } from "../../lib/db";

export type UserRow = typeof users.$inferSelect;

export const findUserByEmail = (db: Database, { email }: { email: string }) =>
  db.select().from(users).where(eq(users.email, email)).get();

export const findUserById = (db: Database, { id }: { id: string }) =>
  db.select().from(users).where(eq(users.id, id)).get();

export const revokeFamily = (db: Database, { familyId, now }: { familyId: string; now: number }) =>
  db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));

/** Public view of a user row: never the password hash. */
export const toUser = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  isActive: u.isActive,
  createdAt: new Date(u.createdAt).toISOString(),
});

/** Deactivated accounts cannot sign in, and requests with their tokens fail (lib/auth.ts re-reads the row). */
export const deactivateUser = (db: Database, { id, now }: { id: string; now: number }) =>
  db.update(users).set({ isActive: false, updatedAt: now }).where(eq(users.id, id));

/** Deletes the account row; every table that references it follows by cascade. */
export const deleteUser = (db: Database, { id }: { id: string }) => db.delete(users).where(eq(users.id, id));

/** Mail waiting for or sent to an address (the outbox of the "log" mailer). */
export const deleteMailTo = (db: Database, { email }: { email: string }) =>
  db.delete(outbox).where(eq(outbox.to, email));
