/**
 * Named D1 queries of research. Every read for a user takes the owner's id, so another user's
 * search simply matches no row; the job (which acts for the owner) passes the job's own owner.
 */
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { jobs, researchResults, researchSearches } from "../../db/schema";
import type { Cursor } from "../../lib/cursor";
import type { Database } from "../../lib/db";
import type { SearchHit } from "../../lib/search/port";

export type SearchRow = typeof researchSearches.$inferSelect;
export type ResultRow = typeof researchResults.$inferSelect;

export const insertSearch = (db: Database, row: typeof researchSearches.$inferInsert) =>
  db.insert(researchSearches).values(row);

const withJob = { search: researchSearches, status: jobs.status, error: jobs.error };

export const findSearch = (db: Database, { jobId, ownerId }: { jobId: string; ownerId: string }) =>
  db
    .select(withJob)
    .from(researchSearches)
    .innerJoin(jobs, eq(jobs.id, researchSearches.jobId))
    .where(and(eq(researchSearches.jobId, jobId), eq(researchSearches.ownerId, ownerId)))
    .get();

/** Newest first, keyset-paged on (created_at, job_id). */
export const listSearches = (
  db: Database,
  q: { ownerId: string; projectId: string; cursor?: Cursor; limit: number },
) =>
  db
    .select(withJob)
    .from(researchSearches)
    .innerJoin(jobs, eq(jobs.id, researchSearches.jobId))
    .where(
      and(
        eq(researchSearches.ownerId, q.ownerId),
        eq(researchSearches.projectId, q.projectId),
        q.cursor?.v !== undefined
          ? or(
              lt(researchSearches.createdAt, q.cursor.v),
              and(eq(researchSearches.createdAt, q.cursor.v), lt(researchSearches.jobId, q.cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(researchSearches.createdAt), desc(researchSearches.jobId))
    .limit(q.limit + 1);

export const resultsOf = (db: Database, { jobId }: { jobId: string }) =>
  db
    .select()
    .from(researchResults)
    .where(eq(researchResults.jobId, jobId))
    .orderBy(asc(researchResults.position));

/**
 * Replaces the search's results and records how it went, in one batch. Rows go in one statement
 * each: a multi-row insert of 20 results would pass D1's limit of 100 bound parameters.
 */
export function saveResults(
  db: Database,
  jobId: string,
  hits: SearchHit[],
  meta: { provider: string; cached: boolean; fetchedAt: number; now: number },
) {
  return db.batch([
    db.delete(researchResults).where(eq(researchResults.jobId, jobId)),
    ...hits.map((h, position) =>
      db.insert(researchResults).values({ jobId, position, ...h, fetchedAt: meta.fetchedAt }),
    ),
    db
      .update(researchSearches)
      .set({ provider: meta.provider, cached: meta.cached, resultCount: hits.length, completedAt: meta.now })
      .where(eq(researchSearches.jobId, jobId)),
  ]);
}

/** How many searches the owner asked for today (UTC, from `dayStart`) and in the last minute, and the oldest of the latter. */
export const recentSearches = (
  db: Database,
  { ownerId, dayStart, minuteSince }: { ownerId: string; dayStart: number; minuteSince: number },
) =>
  db
    .select({
      today: sql<number>`coalesce(sum(${researchSearches.createdAt} >= ${dayStart}), 0)`,
      lastMinute: sql<number>`coalesce(sum(${researchSearches.createdAt} >= ${minuteSince}), 0)`,
      oldestInMinute: sql<
        number | null
      >`min(CASE WHEN ${researchSearches.createdAt} >= ${minuteSince} THEN ${researchSearches.createdAt} END)`,
    })
    .from(researchSearches)
    .where(
      and(
        eq(researchSearches.ownerId, ownerId),
        sql`${researchSearches.createdAt} >= ${Math.min(dayStart, minuteSince)}`,
      ),
    )
    .get();

/** The project's stored results, newest search first, in rank order within each. */
export const projectResults = (
  db: Database,
  { ownerId, projectId, limit }: { ownerId: string; projectId: string; limit: number },
) =>
  db
    .select({
      jobId: researchResults.jobId,
      title: researchResults.title,
      url: researchResults.url,
      snippet: researchResults.snippet,
    })
    .from(researchResults)
    .innerJoin(researchSearches, eq(researchSearches.jobId, researchResults.jobId))
    .where(and(eq(researchSearches.ownerId, ownerId), eq(researchSearches.projectId, projectId)))
    .orderBy(desc(researchSearches.createdAt), asc(researchResults.position))
    .limit(limit);

/** Every search of an owner, newest first (the account export). */
export const searchesOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db
    .select()
    .from(researchSearches)
    .where(eq(researchSearches.ownerId, ownerId))
    .orderBy(desc(researchSearches.createdAt));
