/**
 * Generation jobs: how a request becomes a queued job (jobs/queue.ts runs it), and the handler that
 * turns a job into an artifact version.
 *
 * The version a job writes is keyed by its job id (library.ts), so a redelivered message never makes
 * a second version. A deleted artifact or project fails the job at once.
 */
import { newId } from "../../lib/crypto";
import type { Database } from "../../lib/db";
import type { ArtifactType } from "../pipeline/catalogue";
import { enqueueJob, PermanentFailure, type JobHandler } from "../jobs/queue";
import { usesExternalModel } from "../../lib/llm/model";
import { hasConsent } from "../../lib/consent";
import { ARTIFACT_URL_PREFIX } from "../research/local";
import { citesResearch, projectReferences } from "../research/references";
import { findArtifact, findArtifactByType, insertArtifactIfNone } from "./queries";
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
  /** The project's research results when the job was asked for, which the artifact cites. */
  references?: Reference[];
}

/** What writes the body: the language model when one is configured, the offline writer otherwise. */
export type Author = (
  env: Env,
  input: { type: ArtifactType; facts: Facts; instructions?: string; references?: Reference[] },
) => Promise<Written>;

/** Told about progress, so the conversation that asked can show it. */
export type JobObserver = (
  env: Env,
  event: {
    ownerId: string;
    conversationId?: string;
    jobId: string;
    artifactId: string;
    type: ArtifactType;
    status: string;
    progress: number;
    version?: number;
    error?: string;
  },
) => Promise<void>;

export interface GenerationPorts {
  author: Author;
  observe: JobObserver;
}

/** Creates the artifact row if this project has none of this type yet, then queues a job for it. */
export async function startGeneration(
  db: Database,
  env: Env,
  req: {
    ownerId: string;
    projectId: string;
    type: ArtifactType;
    title: string;
    facts: Facts;
    instructions?: string;
    conversationId?: string;
    source?: ArtifactJobInput["source"];
  },
) {
  const now = Date.now();
  await insertArtifactIfNone(db, {
    id: newId(now),
    ownerId: req.ownerId,
    projectId: req.projectId,
    type: req.type,
    title: req.title,
    createdAt: now,
    updatedAt: now,
  });
  const artifact = (await findArtifactByType(db, {
    projectId: req.projectId,
    ownerId: req.ownerId,
    type: req.type,
  }))!;
  const input: ArtifactJobInput = {
    artifactId: artifact.id,
    type: req.type,
    source: req.source ?? "generated",
    facts: req.facts,
    ...(req.instructions ? { instructions: req.instructions } : {}),
    ...(req.conversationId ? { conversationId: req.conversationId } : {}),
  };
  if (citesResearch(req.type)) {
    const references = await projectReferences(db, {
      ownerId: req.ownerId,
      projectId: req.projectId,
      exclude: `${ARTIFACT_URL_PREFIX}${artifact.id}`,
    });
    if (references.length) input.references = references;
  }
  const jobId = await enqueueJob(db, env, {
    ownerId: req.ownerId,
    projectId: req.projectId,
    kind: "artifact",
    input,
    now,
  });
  return { jobId, artifactId: artifact.id };
}

/** Writes the artifact's next version; the job's result names it. */
export function artifactJob(ports: GenerationPorts): JobHandler<ArtifactJobInput> {
  const tell = (
    env: Env,
    job: { id: string; ownerId: string },
    input: ArtifactJobInput,
    status: string,
    progress: number,
    extra: { version?: number; error?: string } = {},
  ) =>
    ports
      .observe(env, {
        ownerId: job.ownerId,
        conversationId: input.conversationId,
        jobId: job.id,
        artifactId: input.artifactId,
        type: input.type,
        status,
        progress,
        ...extra,
      })
      .catch(() => {});
  return {
    async run({ env, db, job, input, progress }) {
      await progress(10);
      await tell(env, job, input, "running", 10);
      const artifact = await findArtifact(db, { id: input.artifactId, ownerId: job.ownerId });
      if (!artifact || !job.projectId)
        throw new PermanentFailure("The artifact or its project was deleted before it could be written.");
      // Consent may have been withdrawn since the job was queued: then the draft must not leave.
      if (usesExternalModel(env) && !(await hasConsent(env, job.ownerId, "external-model"))) {
        throw new PermanentFailure(
          "Your consent to send content to the outside language model was withdrawn; nothing was sent.",
        );
      }
      await progress(40);
      await tell(env, job, input, "running", 40);
      const written = await ports.author(env, {
        type: input.type,
        facts: input.facts,
        instructions: input.instructions,
        references: input.references,
      });
      const version = await writeVersion({ db, env }, artifact, {
        body: written.body,
        title: written.title,
        source: input.source,
        jobId: job.id,
        note: [input.instructions, written.feedback ?? written.note].filter(Boolean).join(" — ") || undefined,
      });
      return { artifactId: artifact.id, version, openQuestions: written.openQuestions };
    },
    async settled(env, job, input, outcome) {
      if (outcome.status === "succeeded")
        await tell(env, job, input, "succeeded", 100, {
          version: (outcome.result as { version: number }).version,
        });
      else await tell(env, job, input, "failed", outcome.progress, { error: outcome.error });
    },
  };
}
