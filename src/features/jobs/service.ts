import { notFound } from "../../lib/problem";
import { findJob } from "./queries";
import type { Deps } from "../../lib/deps";

export async function readJob({ db }: Pick<Deps, "db">, ownerId: string, id: string) {
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
