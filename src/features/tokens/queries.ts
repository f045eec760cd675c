/** Named D1 queries of personal access tokens. Each takes one object parameter. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { accessTokens } from "../../db/schema";
import type { Database } from "../../lib/db";

export type AccessTokenRow = typeof accessTokens.$inferSelect;

/** The owner's live (unrevoked) tokens, newest first; expired ones stay listed until revoked. */
export const listLiveTokens = (db: Database, { userId }: { userId: string }) =>
  db
    .select()
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .orderBy(desc(accessTokens.id));

/** Every token the user ever made, revoked ones included (the account export). */
export const listAllTokens = (db: Database, { userId }: { userId: string }) =>
  db.select().from(accessTokens).where(eq(accessTokens.userId, userId)).orderBy(desc(accessTokens.id));

export const countLiveTokens = (db: Database, { userId }: { userId: string }) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(accessTokens)
    .where(and(eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt)))
    .get();

const mine = (userId: string, id: string) =>
  and(eq(accessTokens.id, id), eq(accessTokens.userId, userId), isNull(accessTokens.revokedAt));

export const insertToken = (db: Database, row: AccessTokenRow) => db.insert(accessTokens).values(row);

export const findLiveToken = (db: Database, p: { userId: string; id: string }) =>
  db.select({ id: accessTokens.id }).from(accessTokens).where(mine(p.userId, p.id)).get();

export const renameToken = (db: Database, p: { userId: string; id: string; name: string }) =>
  db.update(accessTokens).set({ name: p.name }).where(mine(p.userId, p.id)).returning().get();

export const revokeToken = (db: Database, p: { userId: string; id: string; now: number }) =>
  db
    .update(accessTokens)
    .set({ revokedAt: p.now })
    .where(mine(p.userId, p.id))
    .returning({ id: accessTokens.id });
