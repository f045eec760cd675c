/**
 * Account flows as plain functions: register, login, refresh rotation, logout, password change and
 * reset. They know D1, the Mailer and the audit log, not HTTP. Every change is written in one D1 batch
 * with its audit entry, so a failure leaves no half-made account or session.
 */
import { auditEntry } from "../../lib/audit";
import { newId, randomToken, sha256Hex } from "../../lib/crypto";
import type { Database } from "../../lib/db";
import { endAllSessions, spendResetLinks } from "../../lib/revocation";
import { Problem, conflict, forbidden, unauthorized } from "../../lib/problem";
import type { Deps } from "../../lib/deps";
import type { Mailer } from "./mailer";
import { hashPassword, verifyPassword, decoyHash } from "./passwords";
import {
  findRefreshToken,
  findUserByEmail,
  findUserById,
  insertPasswordReset,
  insertRefreshToken,
  insertUser,
  revokeFamily,
  setPasswordHash,
  spendPasswordReset,
  spendRefreshToken,
  toUser,
  type UserRow,
} from "./queries";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, REFRESH_TOKEN_TTL_MS } from "../../lib/tokens";

export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

/** A new refresh token (returned once, stored as a hash) and the statement that stores it. */
async function newRefreshToken(db: Database, userId: string, familyId: string, now: number) {
  const token = randomToken();
  const insert = insertRefreshToken(db, {
    tokenHash: await sha256Hex(token),
    userId,
    familyId,
    expiresAt: now + REFRESH_TOKEN_TTL_MS,
    createdAt: now,
  });
  return { token, insert };
}

async function tokenPair(env: Env, user: Pick<UserRow, "id" | "role">, refreshToken: string) {
  return {
    accessToken: await issueAccessToken(env, user.id, user.role),
    tokenType: "Bearer" as const,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
  };
}

const isUniqueViolation = (e: unknown) =>
  /UNIQUE constraint failed/i.test(
    String((e as Error)?.message ?? e) + String((e as { cause?: unknown })?.cause ?? ""),
  );

export async function register(
  { db, env, ctx }: Deps,
  input: { email: string; password: string; displayName: string },
) {
  if (await findUserByEmail(db, { email: input.email }))
    throw conflict("An account with this email already exists.");
  const now = Date.now();
  const adminEmail = env.ADMIN_EMAIL?.trim().toLowerCase();
  const user: UserRow = {
    id: newId(now),
    email: input.email,
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName,
    // The first admin comes from configuration only, never from the request.
    role: adminEmail && adminEmail === input.email ? "admin" : "user",
    isActive: true,
    tokensValidAfter: 0,
    createdAt: now,
    updatedAt: now,
  };
  const refresh = await newRefreshToken(db, user.id, newId(now), now);
  try {
    await db.batch([
      insertUser(db, user),
      refresh.insert,
      auditEntry(db, ctx, { event: "user.registered", actorId: user.id, subjectId: user.id }),
    ]);
  } catch (e) {
    // Two registrations for one email raced past the check above; the unique index decides.
    if (isUniqueViolation(e)) throw conflict("An account with this email already exists.");
    throw e;
  }
  return { user: toUser(user), ...(await tokenPair(env, user, refresh.token)) };
}

const BAD_CREDENTIALS = "The email or password is wrong.";

export async function login({ db, env, ctx }: Deps, input: { email: string; password: string }) {
  const user = await findUserByEmail(db, { email: input.email });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok) {
    await auditEntry(db, ctx, {
      event: "login.failed",
      subjectId: user?.id,
      detail: { reason: user ? "password" : "unknown_email" },
    });
    throw unauthorized(BAD_CREDENTIALS);
  }
  if (!user.isActive) {
    await auditEntry(db, ctx, {
      event: "login.failed",
      subjectId: user.id,
      detail: { reason: "deactivated" },
    });
    throw forbidden("This account is deactivated.");
  }
  const now = Date.now();
  const refresh = await newRefreshToken(db, user.id, newId(now), now);
  await db.batch([
    refresh.insert,
    auditEntry(db, ctx, { event: "login.succeeded", actorId: user.id, subjectId: user.id }),
  ]);
  return tokenPair(env, user, refresh.token);
}

/**
 * Rotates a refresh token. Spending is one conditional UPDATE, so two concurrent refreshes with one
 * token cannot both win; presenting an already-spent token means it leaked, so its family dies.
 */
export async function refresh({ db, env, ctx }: Deps, input: { refreshToken: string }) {
  const now = Date.now();
  const tokenHash = await sha256Hex(input.refreshToken);
  const spent = await spendRefreshToken(db, { tokenHash, now });
  if (!spent) {
    const known = await findRefreshToken(db, { tokenHash });
    if (known?.usedAt != null) {
      await db.batch([
        revokeFamily(db, { familyId: known.familyId, now }),
        auditEntry(db, ctx, {
          event: "token.reuse_detected",
          subjectId: known.userId,
          detail: { familyId: known.familyId },
        }),
      ]);
    }
    throw unauthorized("The refresh token is invalid, expired or already used.");
  }
  const user = await findUserById(db, { id: spent.userId });
  if (!user?.isActive) throw unauthorized("This account no longer exists or is deactivated.");
  const next = await newRefreshToken(db, user.id, spent.familyId, now);
  await next.insert;
  return tokenPair(env, user, next.token);
}

/** Ends the session the refresh token belongs to (its whole family). Unknown tokens are a no-op. */
export async function logout({ db }: Deps, input: { refreshToken: string }) {
  const known = await findRefreshToken(db, { tokenHash: await sha256Hex(input.refreshToken) });
  if (known) await revokeFamily(db, { familyId: known.familyId, now: Date.now() });
}

export async function changePassword(
  { db, ctx }: Deps,
  userId: string,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await findUserById(db, { id: userId });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new Problem(403, "The current password is wrong.", {
      errors: [{ field: "currentPassword", message: "Wrong password" }],
    });
  }
  const now = Date.now();
  await db.batch([
    setPasswordHash(db, { id: userId, passwordHash: await hashPassword(input.newPassword), now }),
    ...endAllSessions(db, { userId, now }),
    auditEntry(db, ctx, { event: "password.changed", actorId: userId, subjectId: userId }),
  ]);
}

/** Ends every session of the user at once: access tokens, refresh tokens and reset links. */
export async function logoutEverywhere({ db, ctx }: Deps, userId: string) {
  await db.batch([
    ...endAllSessions(db, { userId, now: Date.now() }),
    auditEntry(db, ctx, { event: "sessions.revoked", actorId: userId, subjectId: userId }),
  ]);
}

/**
 * Starts a reset. The caller answers 202 before this runs, whether or not the account exists, so
 * neither the status nor the timing tells anyone which emails have accounts.
 */
export async function requestPasswordReset({ db, env, ctx }: Deps, mailer: Mailer, input: { email: string }) {
  const user = await findUserByEmail(db, { email: input.email });
  if (!user?.isActive) return;
  const now = Date.now();
  const token = randomToken();
  await db.batch([
    // Only the newest link works: issuing one ends every earlier one.
    spendResetLinks(db, { userId: user.id, now }),
    insertPasswordReset(db, {
      tokenHash: await sha256Hex(token),
      userId: user.id,
      expiresAt: now + RESET_TOKEN_TTL_MS,
      createdAt: now,
    }),
    auditEntry(db, ctx, { event: "password.reset_requested", subjectId: user.id }),
  ]);
  const link = `${env.APP_URL}/reset-password?token=${encodeURIComponent(token)}`;
  await mailer.send({
    to: user.email,
    subject: "Reset your uXPRT password",
    text: `Someone asked to reset the password of your uXPRT account.\n\nReset it here within 30 minutes:\n${link}\n\nReset token: ${token}\n\nIf it was not you, ignore this email.`,
  });
}

/**
 * Spends a reset token, sets the password and ends every session and every other reset link of the
 * user, in one batch: all of it happens or none does. Two links used at once cannot both win.
 */
export async function confirmPasswordReset({ db, ctx }: Deps, input: { token: string; newPassword: string }) {
  const now = Date.now();
  const tokenHash = await sha256Hex(input.token);
  const [, spent] = await db.batch(
    spendPasswordReset(db, { tokenHash, passwordHash: await hashPassword(input.newPassword), now }),
  );
  const userId = spent[0]?.userId;
  if (!userId)
    throw new Problem(400, "The reset token is invalid, expired or already used.", {
      errors: [{ field: "token", message: "Invalid or expired" }],
    });
  await auditEntry(db, ctx, { event: "password.reset", subjectId: userId });
}
