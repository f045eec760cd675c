/** Named D1 queries of accounts. Each takes one object parameter. */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { outbox, passwordResets, refreshTokens, users } from "../../db/schema";
import type { Database } from "../../lib/db";
import { endAllSessions } from "../../lib/revocation";

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

export const insertUser = (db: Database, row: typeof users.$inferInsert) => db.insert(users).values(row);

export const setPasswordHash = (
  db: Database,
  { id, passwordHash, now }: { id: string; passwordHash: string; now: number },
) => db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, id));

export const insertRefreshToken = (db: Database, row: typeof refreshTokens.$inferInsert) =>
  db.insert(refreshTokens).values(row);

export const findRefreshToken = (db: Database, { tokenHash }: { tokenHash: string }) =>
  db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).get();

/** Spends a live refresh token in one conditional UPDATE: of two concurrent spends, one wins. */
export const spendRefreshToken = (db: Database, { tokenHash, now }: { tokenHash: string; now: number }) =>
  db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, now),
      ),
    )
    .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId })
    .get();

export const insertPasswordReset = (db: Database, row: typeof passwordResets.$inferInsert) =>
  db.insert(passwordResets).values(row);

/**
 * Sets the password of the live reset token's owner and spends the token, as two statements for
 * one batch: both happen or neither does. The second returns the owner when the token was live.
 */
export function spendPasswordReset(
  db: Database,
  { tokenHash, passwordHash, now }: { tokenHash: string; passwordHash: string; now: number },
) {
  const live = and(
    eq(passwordResets.tokenHash, tokenHash),
    isNull(passwordResets.usedAt),
    gt(passwordResets.expiresAt, now),
  );
  const owner = db.select({ id: passwordResets.userId }).from(passwordResets).where(live);
  const spender = sql`(SELECT ${passwordResets.userId} FROM ${passwordResets} WHERE ${passwordResets.tokenHash} = ${tokenHash} AND ${passwordResets.usedAt} = ${now})`;
  return [
    db
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, sql`(${owner})`)),
    db.update(passwordResets).set({ usedAt: now }).where(live).returning({ userId: passwordResets.userId }),
    // After the spend above, the owner of the link this batch spent (nobody when it was not live):
    // a reset ends every session and every other link.
    ...endAllSessions(db, { userId: spender, now }),
  ] as const;
}
