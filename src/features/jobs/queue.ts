/**
 * Background jobs on the `uxprt-jobs` Queue, for every kind of job (artifact generation, research).
 *
 * - `enqueueJob` records the job in D1 (`queued`) and sends its id; the API answers 202 at once.
 * - `consumeJobs` runs each message through the handler registered for its job's kind and owns the
 *   status transitions: running → succeeded (with the handler's result) | queued again for a retry |
 *   failed. Delivery is at least once, so a finished job is acknowledged without work and handlers
 *   must be idempotent.
 * - Failures are retried with exponential backoff (or later, when the handler says when); when the
 *   queue gives up, the dead-letter consumer marks the job failed with the last reason.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { newId } from "../../lib/crypto";
import { database, type Database } from "../../lib/db";
import { Problem } from "../../lib/problem";
import { findJobById, insertJob, updateJob, type JobKind, type JobRow } from "./queries";

export interface JobMessage {
  jobId: string;
}

export interface JobContext<I> {
  env: Env;
  db: Database;
  job: JobRow;
  input: I;
  /** Records progress (0–100); handlers also tell their listeners from here. */
  progress(percent: number): Promise<void>;
}

export type JobOutcome =
  | { status: "succeeded"; result: unknown }
  | { status: "failed"; error: string; progress: number };

// biome-ignore lint/suspicious/noExplicitAny: the registry holds handlers of every input type; each handler's own I is checked where it is defined.
export interface JobHandler<I = any> {
  /** Does the work and returns what is stored as the job's result. Must be safe to run twice. */
  run(ctx: JobContext<I>): Promise<unknown>;
  /** Hears how the job ended, after its status is saved. A failure here never changes the outcome. */
  settled?(env: Env, job: JobRow, input: I, outcome: JobOutcome): Promise<void>;
}

export type JobHandlers = Record<JobKind, JobHandler>;

/** A failure that retrying cannot fix (what the job was for is gone, or was refused). */
export class PermanentFailure extends Error {}

/** A transient failure whose cause says when to come back (a provider's rate limit). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly delaySeconds: number,
  ) {
    super(message);
  }
}

/** Records a queued job and sends it; a queue that refuses it fails the job and the request (503). */
export async function enqueueJob(
  db: Database,
  env: Env,
  job: {
    ownerId: string;
    projectId: string | null;
    kind: JobKind;
    input: unknown;
    now?: number;
    /** Rows the job needs when it runs, written in the same batch as the job, before it is sent. */
    rows?: (jobId: string) => BatchItem<"sqlite">[];
  },
): Promise<string> {
  const now = job.now ?? Date.now();
  const id = newId(now);
  await db.batch([
    insertJob(db, {
      id,
      ownerId: job.ownerId,
      projectId: job.projectId,
      kind: job.kind,
      status: "queued",
      input: JSON.stringify(job.input),
      createdAt: now,
      updatedAt: now,
    }),
    ...(job.rows?.(id) ?? []),
  ]);
  try {
    await env.JOBS.send({ jobId: id } satisfies JobMessage);
  } catch {
    await updateJob(db, id, { status: "failed", error: "The job queue is unavailable; try again." });
    throw new Problem(503, "The job queue is unavailable; try again in a moment.");
  }
  return id;
}

/** Seconds before retry n (1-based): 2, 4, 8, … capped at five minutes. JOB_RETRY_BASE_SECONDS scales it. */
export const backoffSeconds = (env: Env, attempt: number) =>
  Math.min(300, Number(env.JOB_RETRY_BASE_SECONDS ?? "2") * 2 ** (attempt - 1));

/** A reason a user can read; internal details stay in the logs. */
const reason = (e: unknown) =>
  e instanceof PermanentFailure || e instanceof RetryLater || e instanceof Problem
    ? e.message
    : "The job failed unexpectedly.";

const tellSettled = (handler: JobHandler | undefined, env: Env, job: JobRow, outcome: JobOutcome) =>
  handler
    ?.settled?.(env, job, JSON.parse(job.input), outcome)
    .catch((e) =>
      console.error(
        JSON.stringify({ level: "error", msg: "job listener failed", jobId: job.id, error: String(e) }),
      ),
    );

async function runJob(env: Env, handlers: JobHandlers, jobId: string, attempt: number) {
  const db = database(env);
  const job = await findJobById(db, { id: jobId });
  // Gone with its account or project, or already finished by an earlier delivery.
  if (!job || job.status === "succeeded" || job.status === "failed") return;
  const handler = handlers[job.kind];
  if (!handler) throw new PermanentFailure(`No handler for jobs of kind ${job.kind}.`);
  await updateJob(db, jobId, { status: "running", attempts: attempt });
  const progress = (percent: number) => updateJob(db, jobId, { progress: percent }).then(() => undefined);
  const result = await handler.run({ env, db, job, input: JSON.parse(job.input), progress });
  await updateJob(db, jobId, {
    status: "succeeded",
    progress: 100,
    error: null,
    result: JSON.stringify(result ?? null),
  });
  await tellSettled(handler, env, job, { status: "succeeded", result });
}

export async function consumeJobs(batch: MessageBatch<JobMessage>, env: Env, handlers: JobHandlers) {
  const db = database(env);
  for (const message of batch.messages) {
    const { jobId } = message.body;
    try {
      await runJob(env, handlers, jobId, message.attempts);
      message.ack();
    } catch (e) {
      console.error(
        JSON.stringify({
          level: "error",
          msg: "job failed",
          jobId,
          attempt: message.attempts,
          error: String(e),
        }),
      );
      if (e instanceof PermanentFailure) {
        await updateJob(db, jobId, { status: "failed", error: reason(e) });
        const job = await findJobById(db, { id: jobId });
        if (job)
          await tellSettled(handlers[job.kind], env, job, {
            status: "failed",
            error: reason(e),
            progress: job.progress,
          });
        message.ack();
      } else {
        await updateJob(db, jobId, {
          status: "queued",
          error: `Attempt ${message.attempts} failed: ${reason(e)} Retrying.`,
        });
        const wait = e instanceof RetryLater ? e.delaySeconds : 0;
        message.retry({ delaySeconds: Math.min(300, Math.max(backoffSeconds(env, message.attempts), wait)) });
      }
    }
  }
}

/** The dead-letter queue: retries ran out, so the job has failed, with the last reason kept. */
export async function consumeDeadLetters(batch: MessageBatch<JobMessage>, env: Env, handlers: JobHandlers) {
  const db = database(env);
  for (const message of batch.messages) {
    const job = await findJobById(db, { id: message.body.jobId });
    if (job && job.status !== "succeeded" && job.status !== "failed") {
      const error = `Gave up after ${job.attempts} attempts. ${job.error ?? ""}`
        .replace(/ Retrying\.$/, "")
        .trim();
      await updateJob(db, job.id, { status: "failed", error });
      await tellSettled(handlers[job.kind], env, job, { status: "failed", error, progress: job.progress });
    }
    message.ack();
  }
}
