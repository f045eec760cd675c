/**
 * Revocation: how every credential of a user ends at once, and the one check that enforces it.
 *
 * `endAllSessions` is what signing out everywhere, a password change, a password reset, deactivation
 * and erasure all do, as statements for the caller's D1 batch (so they commit with the change itself):
 * - access tokens: the user's `tokens_valid_after` moves to now; `issuedAfterRevocation` refuses any
 *   token issued at or before it. Every authenticated request re-reads the user row anyway
 *   (lib/auth.ts), so this costs no extra read, and a revoked token stops at once rather than at its
 *   expiry. Any other kind of bearer credential must go through `issuedAfterRevocation` too.
 * - refresh tokens: all of the user's are marked revoked;
 * - password-reset links: all of the user's unspent ones are marked spent.
 *
 * Times are epoch milliseconds; access tokens carry their issue time with millisecond precision.
 */
import { and, eq, isNull, type SQL } from "drizzle-orm";
import { passwordResets, refreshTokens, users } from "../db/schema";
import type { Database } from "./db";

/** A user id, or a subquery that yields one (a reset link's owner, inside the batch that spends it). */
type UserRef = string | SQL;

/** Spends every unspent reset link of a user: a newer link, a reset or a password change ends them. */
export const spendResetLinks = (db: Database, { userId, now }: { userId: UserRef; now: number }) =>
  db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));

export const endAllSessions = (db: Database, { userId, now }: { userId: UserRef; now: number }) =>
  [
    db.update(users).set({ tokensValidAfter: now }).where(eq(users.id, userId)),
    db
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt))),
    spendResetLinks(db, { userId, now }),
  ] as const;

/** Whether a credential issued at `issuedAt` (ms) survived the user's last revocation. */
export const issuedAfterRevocation = (user: { tokensValidAfter: number }, issuedAt: number) =>
  issuedAt > user.tokensValidAfter;
