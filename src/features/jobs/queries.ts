/**
 * Named D1 queries of background jobs. Reads for a user take the owner's id; the queue consumer,
 * which acts for whoever queued the job, reads by id alone.
 */
import { and, desc, eq, gt, inArray, or } from "drizzle-orm";
import { jobs } from "../../db/schema";
import type { Database } from "../../lib/db";

export type JobRow = typeof jobs.$inferSelect;
export type JobKind = JobRow["kind"];

export const insertJob = (db: Database, row: typeof jobs.$inferInsert) => db.insert(jobs).values(row);

export const findJob = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.ownerId, ownerId)))
    .get();

export const findJobById = (db: Database, { id }: { id: string }) =>
  db.select().from(jobs).where(eq(jobs.id, id)).get();

/** The owner's newest job of a kind that is on its way or succeeded after `since`. */
export const findRecentJob = (db: Database, p: { ownerId: string; kind: JobRow["kind"]; since: number }) =>
  db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.ownerId, p.ownerId),
        eq(jobs.kind, p.kind),
        or(
          inArray(jobs.status, ["queued", "running"]),
          and(eq(jobs.status, "succeeded"), gt(jobs.createdAt, p.since)),
        ),
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .get();

/** The owner's newest job of a kind, whatever its status. */
export const latestJobOfKind = (db: Database, p: { ownerId: string; kind: JobRow["kind"] }) =>
  db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.ownerId, p.ownerId), eq(jobs.kind, p.kind)))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .get();

export const updateJob = (db: Database, id: string, patch: Partial<Omit<JobRow, "id" | "ownerId">>) =>
  db
    .update(jobs)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(jobs.id, id));

/** Every job of an owner, newest first (the account export). */
export const jobsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select().from(jobs).where(eq(jobs.ownerId, ownerId)).orderBy(desc(jobs.createdAt));
