/**
 * Generation jobs: how a request becomes a queued job, and how a job of kind "artifact" becomes an
 * artifact version (queueing, retries and the dead-letter queue are features/jobs/queue.ts).
 *
 * The version a job writes is keyed by job id (library.ts), so a redelivery never makes a second one.
 */
import { newId } from "../../lib/crypto";
import { database, type Database } from "../../lib/db";
import type { ArtifactType } from "../pipeline/catalogue";
import { artifacts } from "../../db/schema";
import { usesExternalModel } from "../chat/model";
import { hasConsent } from "../privacy/consent";
import { enqueueJob, PermanentFailure, updateJob, type JobKind } from "../jobs/queue";
import { findArtifactByType } from "./queries";
import { writeVersion } from "./library";
import type { Facts, Reference, Written } from "./writer";

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
  const jobId = await enqueueJob(db, env, { ownerId: req.ownerId, projectId: req.projectId, kind: "artifact", input });
  return { jobId, artifactId: artifact.id };
}

/** The "artifact" job kind: write the body, store it as a version, and tell the conversation that asked. */
export function artifactJobs(ports: GenerationPorts): JobKind {
  const tell = (env: Env, job: { id: string; ownerId: string; input: string }, status: string, progress: number, extra: { version?: number; error?: string } = {}) => {
    const input = JSON.parse(job.input) as ArtifactJobInput;
    return ports.observe(env, { ownerId: job.ownerId, conversationId: input.conversationId, jobId: job.id, artifactId: input.artifactId, type: input.type, status, progress, ...extra }).catch(() => {});
  };
  return {
    async run(env, job, attempt) {
      const db = database(env);
      const input = JSON.parse(job.input) as ArtifactJobInput;
      await updateJob(db, job.id, { status: "running", progress: 10, attempts: attempt });
      await tell(env, job, "running", 10);
      const artifact = await db.query.artifacts.findFirst({ where: (a, { and, eq }) => and(eq(a.id, input.artifactId), eq(a.ownerId, job.ownerId)) });
      if (!artifact || !job.projectId) throw new PermanentFailure("The artifact or its project was deleted before it could be written.");
      // Consent may have been withdrawn since the job was queued: then the draft must not leave.
      if (usesExternalModel(env) && !(await hasConsent(env, job.ownerId, "external-model"))) {
        throw new PermanentFailure("Your consent to send content to the outside language model was withdrawn; nothing was sent.");
      }
      await updateJob(db, job.id, { progress: 40 });
      await tell(env, job, "running", 40);
      const written = await ports.author(env, { type: input.type, facts: input.facts, instructions: input.instructions });
      const version = await writeVersion({ db, env }, artifact, { body: written.body, title: written.title, source: input.source, jobId: job.id, note: input.instructions });
      await updateJob(db, job.id, { status: "succeeded", progress: 100, error: null, result: JSON.stringify({ artifactId: artifact.id, version, openQuestions: written.openQuestions }) });
      await tell(env, job, "succeeded", 100, { version });
    },
    async failed(env, job, error) {
      await tell(env, job, "failed", job.progress, { error });
    },
  };
}
