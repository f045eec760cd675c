/**
 * Generation jobs: how a request becomes a queued job, and how the queue consumer turns a job into
 * an artifact version.
 *
 * Delivery is at least once, so the consumer is idempotent: a finished job is acknowledged without
 * work, and the version it writes is keyed by job id (library.ts), so a redelivery never makes a second
 * version. Transient failures are retried with exponential backoff; when the queue gives up, the
 * message lands in the dead-letter queue, whose consumer marks the job failed with the last reason.
 */
import { jobs } from "../../db/schema";
import { newId } from "../../lib/crypto";
import { database, type Database } from "../../lib/db";
import { Problem } from "../../lib/problem";
import type { ArtifactType } from "../pipeline/catalogue";
import { artifacts } from "../../db/schema";
import { findArtifactByType, findJobById, updateJob } from "./queries";
import { writeVersion } from "./library";
import type { Facts, Reference, Written } from "./writer";

export interface JobMessage {
  jobId: string;
}

export interface ArtifactJobInput {
  artifactId: string;
  type: ArtifactType;
  source: "generated" | "regenerate";
  /** The guide's facts when the job was asked for: the artifact says what was known then. */
  facts: Facts;
  instructions?: string;
  conversationId?: string;
}

/** What writes the body: the language model when one is configured, the offline writer otherwise. */
export type Author = (env: Env, input: { type: ArtifactType; facts: Facts; instructions?: string; references?: Reference[] }) => Promise<Written>;

/** Told about progress, so the conversation that asked can show it. */
export type JobObserver = (
  env: Env,
  event: { ownerId: string; conversationId?: string; jobId: string; artifactId: string; type: ArtifactType; status: string; progress: number; version?: number; error?: string },
) => Promise<void>;

export interface GenerationPorts {
  author: Author;
  observe: JobObserver;
}

/** A failure that retrying cannot fix (the artifact or project is gone). */
class PermanentFailure extends Error {}

/** Creates the artifact row if this project has none of this type yet, then queues a job for it. */
export async function startGeneration(
  db: Database,
  env: Env,
  req: { ownerId: string; projectId: string; type: ArtifactType; title: string; facts: Facts; instructions?: string; conversationId?: string; source?: ArtifactJobInput["source"] },
) {
  const now = Date.now();
  await db
    .insert(artifacts)
    .values({ id: newId(now), ownerId: req.ownerId, projectId: req.projectId, type: req.type, title: req.title, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [artifacts.projectId, artifacts.type] });
  const artifact = (await findArtifactByType(db, { projectId: req.projectId, ownerId: req.ownerId, type: req.type }))!;
  const input: ArtifactJobInput = {
    artifactId: artifact.id,
    type: req.type,
    source: req.source ?? "generated",
    facts: req.facts,
    ...(req.instructions ? { instructions: req.instructions } : {}),
    ...(req.conversationId ? { conversationId: req.conversationId } : {}),
  };
  const jobId = newId(now);
  await db.insert(jobs).values({ id: jobId, ownerId: req.ownerId, projectId: req.projectId, kind: "artifact", status: "queued", input: JSON.stringify(input), createdAt: now, updatedAt: now });
  try {
    await env.JOBS.send({ jobId } satisfies JobMessage);
  } catch {
    await updateJob(db, jobId, { status: "failed", error: "The job queue is unavailable; try again." });
    throw new Problem(503, "The job queue is unavailable; try again in a moment.");
  }
  return { jobId, artifactId: artifact.id };
}

async function runJob(env: Env, ports: GenerationPorts, jobId: string, attempt: number) {
  const db = database(env);
  const job = await findJobById(db, { id: jobId });
  // Gone with its account or project, or already finished by an earlier delivery.
  if (!job || job.status === "succeeded" || job.status === "failed") return;
  const input = JSON.parse(job.input) as ArtifactJobInput;
  const tell = (status: string, progress: number, extra: { version?: number; error?: string } = {}) =>
    ports.observe(env, { ownerId: job.ownerId, conversationId: input.conversationId, jobId, artifactId: input.artifactId, type: input.type, status, progress, ...extra }).catch(() => {});
  await updateJob(db, jobId, { status: "running", progress: 10, attempts: attempt });
  await tell("running", 10);
  const artifact = await db.query.artifacts.findFirst({ where: (a, { and, eq }) => and(eq(a.id, input.artifactId), eq(a.ownerId, job.ownerId)) });
  if (!artifact || !job.projectId) throw new PermanentFailure("The artifact or its project was deleted before it could be written.");
  await updateJob(db, jobId, { progress: 40 });
  await tell("running", 40);
  const written = await ports.author(env, { type: input.type, facts: input.facts, instructions: input.instructions });
  const version = await writeVersion({ db, env }, artifact, { body: written.body, title: written.title, source: input.source, jobId, note: input.instructions });
  await updateJob(db, jobId, { status: "succeeded", progress: 100, error: null, result: JSON.stringify({ artifactId: artifact.id, version, openQuestions: written.openQuestions }) });
  await tell("succeeded", 100, { version });
}

/** Seconds before retry n (1-based): 2, 4, 8, … capped at five minutes. JOB_RETRY_BASE_SECONDS scales it. */
export const backoffSeconds = (env: Env, attempt: number) => Math.min(300, Number(env.JOB_RETRY_BASE_SECONDS ?? "2") * 2 ** (attempt - 1));

/** A reason a user can read; internal details stay in the logs. */
const reason = (e: unknown) => (e instanceof PermanentFailure || e instanceof Problem ? e.message : "The writer failed unexpectedly.");

export async function consumeJobs(batch: MessageBatch<JobMessage>, env: Env, ports: GenerationPorts) {
  const db = database(env);
  for (const message of batch.messages) {
    const { jobId } = message.body;
    try {
      await runJob(env, ports, jobId, message.attempts);
      message.ack();
    } catch (e) {
      console.error(JSON.stringify({ level: "error", msg: "job failed", jobId, attempt: message.attempts, error: String(e) }));
      if (e instanceof PermanentFailure) {
        await updateJob(db, jobId, { status: "failed", error: reason(e) });
        message.ack();
      } else {
        await updateJob(db, jobId, { status: "queued", error: `Attempt ${message.attempts} failed: ${reason(e)} Retrying.` });
        message.retry({ delaySeconds: backoffSeconds(env, message.attempts) });
      }
    }
  }
}

/** The dead-letter queue: retries ran out, so the job has failed, with the last reason kept. */
export async function consumeDeadLetters(batch: MessageBatch<JobMessage>, env: Env, ports: GenerationPorts) {
  const db = database(env);
  for (const message of batch.messages) {
    const job = await findJobById(db, { id: message.body.jobId });
    if (job && job.status !== "succeeded") {
      const error = `Gave up after ${job.attempts} attempts. ${job.error ?? ""}`.replace(/ Retrying\.$/, "").trim();
      await updateJob(db, job.id, { status: "failed", error });
      const input = JSON.parse(job.input) as ArtifactJobInput;
      await ports.observe(env, { ownerId: job.ownerId, conversationId: input.conversationId, jobId: job.id, artifactId: input.artifactId, type: input.type, status: "failed", progress: job.progress, error }).catch(() => {});
    }
    message.ack();
  }
}
