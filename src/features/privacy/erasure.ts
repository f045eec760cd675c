/**
 * Erasure: removes everything of one user from D1, R2, KV and their Durable Object, and corrects
 * what their activity changed in other people's data (scores on others' creations, tag counts).
 *
 * Order, so that a failure part-way can simply be run again (every step is idempotent):
 * 1. deactivate the account and revoke its sessions, so nothing new is written meanwhile;
 * 2. the Durable Object's storage, R2 objects and KV entries;
 * 3. one D1 batch (a transaction): take back the user's scores from other creations' running sums
 *    and recompute averages, rank and the tag index's copies; delete their audit entries and mail;
 *    delete the user row, which cascades to every table that names them (the FTS index follows its
 *    artifacts by trigger); recount their tags; record that an erasure happened, pseudonymously;
 * 4. R2 and KV once more, for anything a job still running wrote meanwhile.
 * A half-done erasure leaves a deactivated account that an admin can erase again.
 */
import { uncache } from "../../lib/cache";
import { eq, inArray, or, sql } from "drizzle-orm";
import { artifacts, auditLog, creations, creationTags, outbox, scores, tags, users } from "../../db/schema";
import { auditEntry } from "../../lib/audit";
import { database, type Database } from "../../lib/db";
import { deleteKvPrefix, deleteR2Prefix } from "../../lib/listing";
import { conflict, notFound, Problem } from "../../lib/problem";
import { pseudonym } from "../../lib/pseudonym";
import { forgetCounters, hit } from "../../lib/rate-limit";
import { cacheKey as artifactCacheKey, ownerPrefix } from "../artifacts/library";
import { artifactSearch } from "../artifacts/search-table";
import { endAllSessions } from "../../lib/revocation";
import { findUserById } from "../auth/queries";
import { verifyPassword } from "../auth/passwords";
import { userChat } from "../../lib/user-chat";
import { creationKey, invalidateCreation } from "../creations/cache";
import { recountTags } from "../creations/queries";
import { PRIOR_MEAN, PRIOR_VOTES } from "../creations/ranking";
import { imageKey } from "../creations/service";
import { EXPORT_PREFIX } from "./export";

/** Who asked: the user themselves (after their password) or an admin. */
export type ErasureRequest = { by: "self" } | { by: "admin"; adminId: string };

/** Every listing page and tag suggestion may show the user's creations and name. */
const LISTING_CACHE_PREFIXES = ["list:", "tags:"];

/** Statements that remove the user's scores from other people's creations and fix their summaries. */
function takeBackScores(db: Database, userId: string) {
  const scored = sql`${creations.id} IN (SELECT creation_id FROM scores WHERE user_id = ${userId})`;
  const given = (column: "creativity" | "uniqueness") =>
    sql`(SELECT s.${sql.raw(column)} FROM scores s WHERE s.creation_id = creations.id AND s.user_id = ${userId})`;
  const average = (sum: string) =>
    sql.raw(`CASE WHEN score_count = 0 THEN 0 ELSE ${sum} * 1.0 / score_count END`);
  const fromCreation = (column: string) =>
    sql.raw(`(SELECT c.${column} FROM creations c WHERE c.id = creation_tags.creation_id)`);
  return [
    db
      .update(creations)
      .set({
        scoreCount: sql`score_count - 1`,
        creativitySum: sql`creativity_sum - ${given("creativity")}`,
        uniquenessSum: sql`uniqueness_sum - ${given("uniqueness")}`,
      })
      .where(scored),
    // Same formulas as a score write (creations/queries.ts scoreStatements, ranking.ts), from the new sums.
    db
      .update(creations)
      .set({
        creativityAvg: average("creativity_sum"),
        uniquenessAvg: average("uniqueness_sum"),
        rank: sql`(${PRIOR_VOTES * PRIOR_MEAN} + (creativity_sum + uniqueness_sum) / 2.0) / (${PRIOR_VOTES} + score_count)`,
      })
      .where(scored),
    db
      .update(creationTags)
      .set({
        rank: fromCreation("rank"),
        creativityAvg: fromCreation("creativity_avg"),
        uniquenessAvg: fromCreation("uniqueness_avg"),
      })
      .where(sql`${creationTags.creationId} IN (SELECT creation_id FROM scores WHERE user_id = ${userId})`),
    db.delete(scores).where(eq(scores.userId, userId)),
  ] as const;
}

async function sweepObjects(env: Env, userId: string, creationIds: string[]) {
  await Promise.all([
    deleteR2Prefix(env.MEDIA, ownerPrefix(userId)),
    deleteR2Prefix(env.MEDIA, `${EXPORT_PREFIX}${userId}/`),
  ]);
  if (creationIds.length) await env.MEDIA.delete(creationIds.map(imageKey));
}

async function sweepCaches(env: Env, keys: string[], touchedCreations: string[]) {
  await Promise.all(keys.map((k) => uncache(env.KV, k)));
  await Promise.all(touchedCreations.map((id) => invalidateCreation(env.KV, id)));
  for (const prefix of LISTING_CACHE_PREFIXES) await deleteKvPrefix(env.KV, prefix);
}

export async function eraseUser(
  env: Env,
  ctx: { requestId?: string },
  userId: string,
  request: ErasureRequest,
) {
  const db = database(env);
  const user = await findUserById(db, { id: userId });
  if (!user) throw notFound("user");
  const now = Date.now();
  await db.batch([
    db.update(users).set({ isActive: false, updatedAt: now }).where(eq(users.id, userId)),
    ...endAllSessions(db, { userId, now }),
  ]);

  const owned = await db
    .select({ id: creations.id, tags: creations.tags })
    .from(creations)
    .where(eq(creations.ownerId, userId));
  const scored = await db.select({ id: scores.creationId }).from(scores).where(eq(scores.userId, userId));
  const artifactIds = (
    await db.select({ id: artifacts.id }).from(artifacts).where(eq(artifacts.ownerId, userId))
  ).map((a) => a.id);
  const tagNames = [...new Set(owned.flatMap((c) => JSON.parse(c.tags) as string[]))];
  const creationIds = owned.map((c) => c.id);
  const cacheKeys = [...artifactIds.map(artifactCacheKey), ...creationIds.map(creationKey)];

  const touched = scored.map((s) => s.id);
  await userChat(env, user).erase();
  await sweepObjects(env, userId, creationIds);
  await sweepCaches(env, cacheKeys, touched);

  await db.batch([
    ...takeBackScores(db, userId),
    db
      .delete(artifactSearch)
      .where(sql`rowid IN (SELECT rowid FROM ${artifacts} WHERE ${artifacts.ownerId} = ${userId})`),
    // Entries about the user, by the user, or naming them in their detail (e.g. a moderated creation's owner).
    db
      .delete(auditLog)
      .where(
        or(
          eq(auditLog.actorId, userId),
          eq(auditLog.subjectId, userId),
          sql`instr(${auditLog.detail}, ${userId}) > 0`,
        ),
      ),
    db.delete(outbox).where(eq(outbox.to, user.email)),
    // Rate-limit counters are keyed by pseudonyms of the email and the id (they would expire within
    // the hour; the per-minute binding counters hold nothing past a minute).
    forgetCounters(db, await Promise.all([pseudonym(env, user.email), pseudonym(env, user.id)])),
    db.delete(users).where(eq(users.id, userId)),
    ...recountTags(db, tagNames),
    // Tags only this user used would keep names they chose; unused ones go.
    ...(tagNames.length
      ? [db.delete(tags).where(sql`${inArray(tags.name, tagNames)} AND ${tags.usageCount} = 0`)]
      : []),
    auditEntry(
      db,
      { requestId: ctx.requestId },
      {
        event: "user.erased",
        actorId: request.by === "admin" ? request.adminId : null,
        subjectId: await pseudonym(env, userId),
        detail: {
          by: request.by,
          creations: creationIds.length,
          artifacts: artifactIds.length,
          scoresTakenBack: scored.length,
        },
      },
    ),
  ]);

  // Reads between the first sweep and the batch may have cached the old data again.
  await sweepObjects(env, userId, creationIds);
  await sweepCaches(env, cacheKeys, touched);
}

/** DELETE /users/me: the password confirms it is really the user, limited like a login. */
export async function eraseMyself(env: Env, ctx: { requestId?: string }, userId: string, password: string) {
  const user = await findUserById(database(env), { id: userId });
  if (!user) throw notFound("user");
  await hit(env, "loginPerEmail", user.email);
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new Problem(403, "The password is wrong; the account was not deleted.", {
      errors: [{ field: "password", message: "Wrong password" }],
    });
  }
  await eraseUser(env, ctx, userId, { by: "self" });
}

export async function eraseByAdmin(env: Env, ctx: { requestId?: string }, adminId: string, userId: string) {
  if (adminId === userId) throw conflict("Admins erase their own account with DELETE /users/me.");
  await eraseUser(env, ctx, userId, { by: "admin", adminId });
}
