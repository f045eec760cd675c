/**
 * Background jobs of every kind (artifact generation, account exports): a D1 row whose status is
 * polled at GET /jobs/{id}, and a message on the `uxprt-jobs` Queue that names it. Each kind brings
 * its own `run`; this module owns queueing, idempotence, retries and the dead-letter queue.
 *
 * Delivery is at least once, so a finished job is acknowledged without work, and `run` must be
 * idempotent. Transient failures are retried with exponential backoff; when the queue gives up, the
 * message lands in the dead-letter queue, whose consumer marks the job failed with the last reason.
 */
import { eq } from "drizzle-orm";
import { jobs } from "../../db/schema";
import { newId } from "../../lib/crypto";
import { database, type Database } from "../../lib/db";
import { Problem } from "../../lib/problem";

export interface JobMessage {
  jobId: string;
}

export type JobRow = typeof jobs.$inferSelect;

export interface JobKind {
  /** Does the work and marks the job succeeded. Throw PermanentFailure for what retrying cannot fix. */
  run(env: Env, job: JobRow, attempt: number): Promise<void>;
  /** Told after the job was marked failed for good, e.g. to tell the user. */
  failed?(env: Env, job: JobRow, error: string): Promise<void>;
}

export type JobKinds = Partial<Record<JobRow["kind"], JobKind>>;

/** A failure that retrying cannot fix (what the job works on is gone, a consent was withdrawn). */
export class PermanentFailure extends Error {}

export const findJobById = (db: Database, { id }: { id: string }) => db.select().from(jobs).where(eq(jobs.id, id)).get();

export const updateJob = (db: Database, id: string, patch: Partial<Omit<JobRow, "id" | "ownerId">>) =>
  db.update(jobs).set({ ...patch, updatedAt: Date.now() }).where(eq(jobs.id, id));

/** Writes the job row and queues it; answers 503 (and marks the job failed) when the queue is down. */
export async function enqueueJob(db: Database, env: Env, job: Pick<JobRow, "ownerId" | "kind"> & { projectId?: string | null; input: unknown }): Promise<string> {
  const now = Date.now();
  const id = newId(now);
  await db.insert(jobs).values({ id, ownerId: job.ownerId, projectId: job.projectId ?? null, kind: job.kind, status: "queued", input: JSON.stringify(job.input), createdAt: now, updatedAt: now });
  try {
    await env.JOBS.send({ jobId: id } satisfies JobMessage);
  } catch {
    await updateJob(db, id, { status: "failed", error: "The job queue is unavailable; try again." });
    throw new Problem(503, "The job queue is unavailable; try again in a moment.");
  }
  return id;
}

/** Seconds before retry n (1-based): 2, 4, 8, … capped at five minutes. JOB_RETRY_BASE_SECONDS scales it. */
export const backoffSeconds = (env: Env, attempt: number) => Math.min(300, Number(env.JOB_RETRY_BASE_SECONDS ?? "2") * 2 ** (attempt - 1));

/** A reason a user can read; internal details stay in the logs. */
const reason = (e: unknown) => (e instanceof PermanentFailure || e instanceof Problem ? e.message : "The job failed unexpectedly.");

async function fail(env: Env, kinds: JobKinds, job: JobRow, error: string) {
  await updateJob(database(env), job.id, { status: "failed", error });
  await kinds[job.kind]?.failed?.(env, job, error).catch(() => {});
}

export async function consumeJobs(batch: MessageBatch<JobMessage>, env: Env, kinds: JobKinds) {
  const db = database(env);
  for (const message of batch.messages) {
    const { jobId } = message.body;
    const job = await findJobById(db, { id: jobId });
    // Gone with its account or project, or already finished by an earlier delivery.
    if (!job || job.status === "succeeded" || job.status === "failed") {
      message.ack();
      continue;
    }
    try {
      const kind = kinds[job.kind];
      if (!kind) throw new PermanentFailure(`No worker handles jobs of kind ${job.kind}.`);
      await kind.run(env, job, message.attempts);
      message.ack();
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "job failed", jobId, kind: job.kind, attempt: message.attempts, error: String(e) }));
      if (e instanceof PermanentFailure) {
        await fail(env, kinds, job, reason(e));
        message.ack();
      } else {
        await updateJob(db, jobId, { status: "queued", error: `Attempt ${message.attempts} failed: ${reason(e)} Retrying.` });
        message.retry({ delaySeconds: backoffSeconds(env, message.attempts) });
      }
    }
  }
}

/** The dead-letter queue: retries ran out, so the job has failed, with the last reason kept. */
export async function consumeDeadLetters(batch: MessageBatch<JobMessage>, env: Env, kinds: JobKinds) {
  const db = database(env);
  for (const message of batch.messages) {
    const job = await findJobById(db, { id: message.body.jobId });
    if (job && job.status !== "succeeded") {
      await fail(env, kinds, job, `Gave up after ${job.attempts} attempts. ${job.error ?? ""}`.replace(/ Retrying\.$/, "").trim());
    }
    message.ack();
  }
}
