/**
 * Personal access tokens at the door: their format and the check every request with one makes.
 * Making, listing and revoking them is the tokens feature's (features/tokens); this part is shared
 * by the auth middleware and the MCP endpoint, so it lives with the other credentials in src/lib.
 *
 * Secrets look like `uxp_` + 43 base64url characters (256 random bits): the fixed prefix lets secret
 * scanners recognise a leaked token and lets the auth middleware tell a token from a JWT without
 * trying to verify it. Only their SHA-256 is stored.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { accessTokens, users } from "../db/schema";
import { auditEntry } from "./audit";
import { sha256Hex } from "./crypto";
import type { Database } from "./db";
import { Problem, unauthorized } from "./problem";
import type { Scope } from "./scopes";

export const TOKEN_PREFIX = "uxp_";
const SECRET = /^uxp_[\w-]{43}$/;
/** Requests one token may make per window, counted exactly in D1 (spendToken). */
export const TOKEN_RATE = { limit: 300, windowSeconds: 60 } as const;
/** Client pseudonyms remembered per token; a client not among them is audited as new. */
const KNOWN_CLIENTS = 8;

export const isPersonalToken = (token: string) => token.startsWith(TOKEN_PREFIX);

/**
 * Spends one request of a live token: one UPDATE checks it is unrevoked and unexpired, stamps its
 * last use and counts the request in its fixed window. SET expressions see the row as it was, so the
 * CASE compares against the old window.
 */
const spendToken = (db: Database, p: { tokenHash: string; now: number; window: number }) =>
  db
    .update(accessTokens)
    .set({
      lastUsedAt: p.now,
      windowCount: sql`CASE WHEN ${accessTokens.windowStart} = ${p.window} THEN ${accessTokens.windowCount} + 1 ELSE 1 END`,
      windowStart: p.window,
    })
    .where(
      and(
        eq(accessTokens.tokenHash, p.tokenHash),
        isNull(accessTokens.revokedAt),
        sql`(${accessTokens.expiresAt} IS NULL OR ${accessTokens.expiresAt} > ${p.now})`,
      ),
    )
    .returning({
      id: accessTokens.id,
      userId: accessTokens.userId,
      scopes: accessTokens.scopes,
      clients: accessTokens.clients,
      windowCount: accessTokens.windowCount,
    });

/** The user a token hash belongs to, read in the same batch as spendToken. */
const ownerOfToken = (db: Database, { tokenHash }: { tokenHash: string }) =>
  db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      isActive: users.isActive,
    })
    .from(users)
    .where(
      eq(
        users.id,
        sql`(SELECT ${accessTokens.userId} FROM ${accessTokens} WHERE ${accessTokens.tokenHash} = ${tokenHash})`,
      ),
    );

export interface TokenIdentity {
  tokenId: string;
  scopes: Scope[];
  user: { id: string; email: string; displayName: string; role: "user" | "admin" };
}

const INVALID = "The access token is invalid, revoked or expired.";

/**
 * The identity behind a presented secret; 401 when it is malformed, unknown, revoked, expired or
 * its account is gone or deactivated, 429 when the token spent its window. One D1 round trip (the
 * spend and the owner's row in one batch); a second only when the client is new to the token.
 */
export async function verifyPersonalToken(
  { db, ctx }: { db: Database; ctx: { requestId?: string; client?: string } },
  secret: string,
): Promise<TokenIdentity> {
  if (!SECRET.test(secret)) throw unauthorized(INVALID);
  const now = Date.now();
  const tokenHash = await sha256Hex(secret);
  const window = Math.floor(now / 1000 / TOKEN_RATE.windowSeconds);
  const [[spent], [owner]] = await db.batch([
    spendToken(db, { tokenHash, now, window }),
    ownerOfToken(db, { tokenHash }),
  ]);
  if (!spent || !owner?.isActive) throw unauthorized(INVALID);
  if (spent.windowCount > TOKEN_RATE.limit) {
    const retryAfter = (window + 1) * TOKEN_RATE.windowSeconds - Math.floor(now / 1000);
    throw new Problem(429, "This token made too many requests; try again later.", {
      code: "rate-limited",
      headers: { "Retry-After": String(Math.max(1, retryAfter)) },
    });
  }
  const clients = JSON.parse(spent.clients) as string[];
  if (ctx.client && !clients.includes(ctx.client)) {
    const next = [ctx.client, ...clients].slice(0, KNOWN_CLIENTS);
    await db.batch([
      db
        .update(accessTokens)
        .set({ clients: JSON.stringify(next) })
        .where(eq(accessTokens.id, spent.id)),
      auditEntry(db, ctx, {
        event: "token.used_from_new_client",
        actorId: spent.userId,
        subjectId: spent.userId,
        detail: { tokenId: spent.id },
      }),
    ]);
  }
  const { isActive: _active, ...user } = owner;
  return { tokenId: spent.id, scopes: JSON.parse(spent.scopes) as Scope[], user };
}
