/**
 * Named D1 queries of the gallery. Lists are keyset-paged walks of one index each (see schema.ts):
 * the cost of a page depends on the page size, not on how many creations or tag uses exist.
 */
import { and, desc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { creations, creationTags, scores, tagSpellings, tags, users } from "../../db/schema";
import type { Cursor } from "../../lib/cursor";
import { preparedOnce, type Database } from "../../lib/db";
import { PRIOR_MEAN, PRIOR_VOTES } from "./ranking";
import { spellings } from "./spelling";
import type { CreationView, Sort } from "./schemas";

const columns = {
  id: creations.id,
  title: creations.title,
  description: creations.description,
  tags: creations.tags,
  imageKey: creations.imageKey,
  imageType: creations.imageType,
  imageWidth: creations.imageWidth,
  imageHeight: creations.imageHeight,
  imageBytes: creations.imageBytes,
  ownerId: creations.ownerId,
  ownerName: users.displayName,
  scoreCount: creations.scoreCount,
  creativityAvg: creations.creativityAvg,
  uniquenessAvg: creations.uniquenessAvg,
  rank: creations.rank,
  createdAt: creations.createdAt,
  updatedAt: creations.updatedAt,
};

type Row = NonNullable<Awaited<ReturnType<typeof findCreation>>>;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The columns a score summary is made of, and the summary as every view shows it. */
const SUMMARY = {
  scoreCount: creations.scoreCount,
  creativityAvg: creations.creativityAvg,
  uniquenessAvg: creations.uniquenessAvg,
  rank: creations.rank,
};
type SummaryRow = { scoreCount: number; creativityAvg: number; uniquenessAvg: number; rank: number };

export const scoreView = (r: SummaryRow): CreationView["score"] => ({
  count: r.scoreCount,
  creativityAvg: round(r.creativityAvg),
  uniquenessAvg: round(r.uniquenessAvg),
  rank: round(r.rank),
});

export function toView(r: Row): CreationView {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    tags: JSON.parse(r.tags) as string[],
    image:
      r.imageKey && r.imageType
        ? {
            url: `/api/v1/creations/${r.id}/image`,
            type: r.imageType,
            width: r.imageWidth ?? 0,
            height: r.imageHeight ?? 0,
            bytes: r.imageBytes ?? 0,
          }
        : null,
    owner: { id: r.ownerId, displayName: r.ownerName },
    score: scoreView(r),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** The sort key of each order, on creations and on its copy in creation_tags. */
const SORT_KEYS: Record<
  Exclude<Sort, "newest">,
  { creation: SQLiteColumn; tag: SQLiteColumn; view: (v: CreationView) => number }
> = {
  top: { creation: creations.rank, tag: creationTags.rank, view: (v) => v.score.rank },
  creativity: {
    creation: creations.creativityAvg,
    tag: creationTags.creativityAvg,
    view: (v) => v.score.creativityAvg,
  },
  uniqueness: {
    creation: creations.uniquenessAvg,
    tag: creationTags.uniquenessAvg,
    view: (v) => v.score.uniquenessAvg,
  },
};

/** The raw (unrounded) sort value of a row, for the next cursor. */
export function sortValue(sort: Sort, r: Row): number | undefined {
  if (sort === "newest") return undefined;
  return sort === "top" ? r.rank : sort === "creativity" ? r.creativityAvg : r.uniquenessAvg;
}

/** Rows strictly after the cursor in (key DESC, id DESC) order; the cursor's values are placeholders. */
function after(key: SQLiteColumn | undefined, id: SQLiteColumn, c: Cursor | undefined): SQL | undefined {
  if (!c) return undefined;
  const cursorId = sql.placeholder("cursorId");
  if (!key || c.v === undefined) return lt(id, cursorId);
  const cursorV = sql.placeholder("cursorV");
  return or(lt(key, cursorV), and(eq(key, cursorV), lt(id, cursorId)));
}

/** One prepared query per shape (tag or not, owner or not, sort, cursor kind); values are bound per call. */
function listQuery(db: Database, q: { tag?: string; owner?: string; sort: Sort; cursor?: Cursor }) {
  const shape = `list:${q.tag ? "tag" : ""}:${q.owner ? "owner" : ""}:${q.sort}:${q.cursor ? (q.cursor.v === undefined ? "id" : "key") : ""}`;
  return preparedOnce(db, shape, () => {
    const key = q.sort === "newest" ? undefined : SORT_KEYS[q.sort];
    const owner = q.owner ? eq(creations.ownerId, sql.placeholder("owner")) : undefined;
    const limit = sql.placeholder("limit");
    if (q.tag) {
      const tagId = sql`(SELECT ${tags.id} FROM ${tags} WHERE ${tags.name} = ${sql.placeholder("tag")})`;
      return db
        .select(columns)
        .from(creationTags)
        .innerJoin(creations, eq(creations.id, creationTags.creationId))
        .innerJoin(users, eq(users.id, creations.ownerId))
        .where(and(eq(creationTags.tagId, tagId), owner, after(key?.tag, creationTags.creationId, q.cursor)))
        .orderBy(...(key ? [desc(key.tag)] : []), desc(creationTags.creationId))
        .limit(limit)
        .prepare();
    }
    return db
      .select(columns)
      .from(creations)
      .innerJoin(users, eq(users.id, creations.ownerId))
      .where(and(owner, after(key?.creation, creations.id, q.cursor)))
      .orderBy(...(key ? [desc(key.creation)] : []), desc(creations.id))
      .limit(limit)
      .prepare();
  });
}

export function listCreations(
  db: Database,
  q: { tag?: string; owner?: string; sort: Sort; cursor?: Cursor; limit: number },
): Promise<Row[]> {
  return listQuery(db, q).all({
    tag: q.tag,
    owner: q.owner,
    cursorId: q.cursor?.id,
    cursorV: q.cursor?.v,
    limit: q.limit + 1,
  });
}

const byIdQuery = (db: Database) =>
  preparedOnce(db, "creation-by-id", () =>
    db
      .select(columns)
      .from(creations)
      .innerJoin(users, eq(users.id, creations.ownerId))
      .where(eq(creations.id, sql.placeholder("id")))
      .prepare(),
  );

export const findCreation = (db: Database, { id }: { id: string }) => byIdQuery(db).get({ id });

export const findOwnership = (db: Database, { id }: { id: string }) =>
  db
    .select({ ownerId: creations.ownerId, tags: creations.tags, imageKey: creations.imageKey })
    .from(creations)
    .where(eq(creations.id, id))
    .get();

export const findMyScore = (db: Database, { creationId, userId }: { creationId: string; userId: string }) =>
  db
    .select({ creativity: scores.creativity, uniqueness: scores.uniqueness })
    .from(scores)
    .where(and(eq(scores.creationId, creationId), eq(scores.userId, userId)))
    .get();

/**
 * Statements that attach `names` to a creation: make missing tags, link them, and recount usage.
 * Counting (not incrementing) keeps usage exact even when two writers race.
 */
export function linkTagStatements(
  db: Database,
  creationId: string,
  names: string[],
  sortKeys: { rank: number; creativityAvg: number; uniquenessAvg: number },
) {
  if (names.length === 0) return [];
  return [
    db
      .insert(tags)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing(),
    db
      .insert(creationTags)
      .select(
        db
          .select({
            tagId: tags.id,
            creationId: sql<string>`${creationId}`.as("creation_id"),
            rank: sql<number>`${sortKeys.rank}`.as("rank"),
            creativityAvg: sql<number>`${sortKeys.creativityAvg}`.as("creativity_avg"),
            uniquenessAvg: sql<number>`${sortKeys.uniquenessAvg}`.as("uniqueness_avg"),
          })
          .from(tags)
          .where(inArray(tags.name, names)),
      )
      .onConflictDoNothing(),
    // The tags' near-spelling entries: one bound parameter (a JSON list) for up to 330 rows.
    db
      .insert(tagSpellings)
      .select(
        db
          .select({ spelling: sql<string>`value ->> 1`.as("spelling"), tagId: tags.id })
          .from(tags)
          .innerJoin(
            sql`json_each(${JSON.stringify(names.flatMap((n) => spellings(n).map((v) => [n, v])))})`,
            sql`${tags.name} = value ->> 0`,
          ),
      )
      .onConflictDoNothing(),
  ];
}

/** Statements that delete those of `names` no creation uses any more (after recountTags), and their spellings. */
export function deleteUnusedTags(db: Database, names: string[]) {
  if (names.length === 0) return [];
  const unused = db
    .select({ id: tags.id })
    .from(tags)
    .where(and(inArray(tags.name, names), eq(tags.usageCount, 0)));
  return [
    db.delete(tagSpellings).where(inArray(tagSpellings.tagId, unused)),
    db.delete(tags).where(and(inArray(tags.name, names), eq(tags.usageCount, 0))),
  ];
}

export function unlinkTagStatements(db: Database, creationId: string, names: string[]) {
  if (names.length === 0) return [];
  return [
    db
      .delete(creationTags)
      .where(
        and(
          eq(creationTags.creationId, creationId),
          inArray(creationTags.tagId, db.select({ id: tags.id }).from(tags).where(inArray(tags.name, names))),
        ),
      ),
  ];
}

export const recountTags = (db: Database, names: string[]) =>
  names.length === 0
    ? []
    : [
        db
          .update(tags)
          .set({
            usageCount: sql`(SELECT count(*) FROM ${creationTags} WHERE ${creationTags.tagId} = ${tags.id})`,
          })
          .where(inArray(tags.name, names)),
      ];

/**
 * One score write as three statements for one atomic batch: take back the user's previous score from
 * the running sums (if any), upsert the score, add the new one and recompute averages and rank from
 * the sums. O(1) however many scores the creation has, and exact under concurrency because a D1
 * batch runs as one transaction.
 */
export function scoreStatements(
  db: Database,
  s: { creationId: string; userId: string; creativity: number; uniqueness: number; now: number },
) {
  const mine = and(eq(scores.creationId, s.creationId), eq(scores.userId, s.userId));
  const old = (col: SQLiteColumn) => sql`coalesce((SELECT ${col} FROM ${scores} WHERE ${mine}), 0)`;
  const takeBack = db
    .update(creations)
    .set({
      scoreCount: sql`${creations.scoreCount} - (SELECT count(*) FROM ${scores} WHERE ${mine})`,
      creativitySum: sql`${creations.creativitySum} - ${old(scores.creativity)}`,
      uniquenessSum: sql`${creations.uniquenessSum} - ${old(scores.uniqueness)}`,
    })
    .where(eq(creations.id, s.creationId));
  const upsert = db
    .insert(scores)
    .values({
      creationId: s.creationId,
      userId: s.userId,
      creativity: s.creativity,
      uniqueness: s.uniqueness,
      createdAt: s.now,
      updatedAt: s.now,
    })
    .onConflictDoUpdate({
      target: [scores.creationId, scores.userId],
      set: { creativity: s.creativity, uniqueness: s.uniqueness, updatedAt: s.now },
    });
  // SET expressions see the row as it was before this UPDATE, so each uses the new totals explicitly.
  const n = sql`(${creations.scoreCount} + 1)`;
  const cSum = sql`(${creations.creativitySum} + ${s.creativity})`;
  const uSum = sql`(${creations.uniquenessSum} + ${s.uniqueness})`;
  const add = db
    .update(creations)
    .set({
      scoreCount: n,
      creativitySum: cSum,
      uniquenessSum: uSum,
      creativityAvg: sql`${cSum} * 1.0 / ${n}`,
      uniquenessAvg: sql`${uSum} * 1.0 / ${n}`,
      rank: sql`(${PRIOR_VOTES * PRIOR_MEAN} + (${cSum} + ${uSum}) / 2.0) / (${PRIOR_VOTES} + ${n})`,
    })
    .where(eq(creations.id, s.creationId))
    // The new summary comes back from the write itself: no second read (and no cache fill) after it.
    .returning(SUMMARY);
  return [takeBack, upsert, add, copySortKeysToTags(db, s.creationId)] as const;
}

/** Keeps the tag index's copies of the sort keys equal to the creation's. */
export const copySortKeysToTags = (db: Database, creationId: string) => {
  const from = (col: SQLiteColumn) =>
    sql`(SELECT ${col} FROM ${creations} WHERE ${creations.id} = ${creationId})`;
  return db
    .update(creationTags)
    .set({
      rank: from(creations.rank),
      creativityAvg: from(creations.creativityAvg),
      uniquenessAvg: from(creations.uniquenessAvg),
    })
    .where(eq(creationTags.creationId, creationId));
};

export const scoreSummary = (db: Database, { id }: { id: string }) =>
  db
    .select({
      count: creations.scoreCount,
      creativityAvg: creations.creativityAvg,
      uniquenessAvg: creations.uniquenessAvg,
      rank: creations.rank,
    })
    .from(creations)
    .where(eq(creations.id, id))
    .get();

export function suggestTags(db: Database, { prefix, limit }: { prefix: string; limit: number }) {
  return (
    db
      .select({ name: tags.name, count: tags.usageCount })
      .from(tags)
      // A range on the unique index: every name that starts with the prefix, and only those.
      .where(
        and(
          prefix ? and(sql`${tags.name} >= ${prefix}`, lt(tags.name, `${prefix}\u007f`)) : undefined,
          gt(tags.usageCount, 0),
        ),
      )
      .orderBy(desc(tags.usageCount), tags.name)
      .limit(limit)
  );
}

/** Every creation of an owner, whole rows (the account export). */
export const creationsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select().from(creations).where(eq(creations.ownerId, ownerId));

/** The ids and tags of an owner's creations (erasure). */
export const creationTagsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select({ id: creations.id, tags: creations.tags }).from(creations).where(eq(creations.ownerId, ownerId));

/** The scores a user gave (the account export). */
export const scoresBy = (db: Database, { userId }: { userId: string }) =>
  db.select().from(scores).where(eq(scores.userId, userId));

/** The creations a user scored (erasure). */
export const scoredBy = (db: Database, { userId }: { userId: string }) =>
  db.select({ id: scores.creationId }).from(scores).where(eq(scores.userId, userId));

/** Statements that remove the user's scores from other people's creations and fix their summaries. */
export function takeBackScores(db: Database, userId: string) {
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
    // Same formulas as a score write (scoreStatements, ranking.ts), from the new sums.
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

export const insertCreation = (db: Database, row: typeof creations.$inferInsert) =>
  db.insert(creations).values(row);

export const updateCreation = (db: Database, id: string, patch: Partial<typeof creations.$inferInsert>) =>
  db.update(creations).set(patch).where(eq(creations.id, id));

/** Scores and tag links go with the row (ON DELETE CASCADE). */
export const deleteCreation = (db: Database, { id }: { id: string }) =>
  db.delete(creations).where(eq(creations.id, id));

/** Used tags starting with `prefix`: a range of the unique index, cut at `scan` names before ranking. */
export const tagsWithPrefix = (db: Database, { prefix, scan }: { prefix: string; scan: number }) =>
  db
    .select({ name: tags.name, count: tags.usageCount })
    .from(tags)
    .where(and(sql`${tags.name} >= ${prefix}`, lt(tags.name, `${prefix}\u007f`), gt(tags.usageCount, 0)))
    .orderBy(tags.name)
    .limit(scan);

/** Used tags sharing one of these spellings (the primary key's prefix), at most `scan` of them. */
export const tagsSpelledLike = (db: Database, { forms, scan }: { forms: string[]; scan: number }) =>
  db
    .selectDistinct({ name: tags.name, count: tags.usageCount })
    .from(tagSpellings)
    .innerJoin(tags, eq(tags.id, tagSpellings.tagId))
    .where(and(inArray(tagSpellings.spelling, forms), gt(tags.usageCount, 0)))
    .limit(scan);
