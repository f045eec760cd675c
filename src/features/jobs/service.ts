/** A background job as its owner sees it. */
import type { Database } from "../../lib/db";
import { notFound } from "../../lib/problem";
import { findJob } from "./queries";

export async function readJob(db: Database, ownerId: string, id: string) {
  const job = await findJob(db, { id, ownerId });
  if (!job) throw notFound("job");
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    error: job.error,
    attempts: job.attempts,
    result: job.result ? JSON.parse(job.result) : null,
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
  };
}
