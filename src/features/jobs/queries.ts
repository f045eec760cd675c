/**
 * Named D1 queries of background jobs. Reads for a user take the owner's id; the queue consumer,
 * which acts for whoever queued the job, reads by id alone.
 */
import { and, desc, eq } from "drizzle-orm";
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

export const updateJob = (db: Database, id: string, patch: Partial<Omit<JobRow, "id" | "ownerId">>) =>
  db
    .update(jobs)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(jobs.id, id));

/** Every job of an owner, newest first (the account export). */
export const jobsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select().from(jobs).where(eq(jobs.ownerId, ownerId)).orderBy(desc(jobs.createdAt));
