/**
 * The artifact actions the HTTP API and the MCP tools (features/mcp) share, so both say the same
 * thing: start generating an artifact in a project, and read a background job's status.
 */
import { database } from "../../lib/db";
import { notFound } from "../../lib/problem";
import { findJob } from "../jobs/queries";
import { ARTIFACTS, type ArtifactType } from "../pipeline/catalogue";
import { findProject } from "../projects/queries";
import { startGeneration } from "./generation";
import { projectFacts } from "./facts";

export async function ownedProject(env: Env, ownerId: string, id: string) {
  const project = await findProject(database(env), { id, ownerId });
  if (!project) throw notFound("project");
  return project;
}

/** Queues generation of `type` in one of the owner's projects; 404 for anyone else's project. */
export async function generateInProject(
  env: Env,
  ownerId: string,
  projectId: string,
  body: { type: ArtifactType; conversationId?: string; instructions?: string },
) {
  const project = await ownedProject(env, ownerId, projectId);
  const facts = await projectFacts(env, ownerId, project);
  return startGeneration(database(env), env, {
    ownerId,
    projectId: project.id,
    title: ARTIFACTS[body.type].title,
    facts,
    ...body,
  });
}

/** One of the owner's jobs, as the API shows it. */
export async function jobStatus(env: Env, ownerId: string, id: string) {
  const job = await findJob(database(env), { id, ownerId });
  if (!job) throw notFound("job");
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    error: job.error,
    attempts: job.attempts,
    result: job.result ? (JSON.parse(job.result) as unknown) : null,
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
  };
}
