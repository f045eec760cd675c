/**
 * What the artifact routes do beyond the library (library.ts): start generation from what the guide
 * knows of a project, regenerate from feedback, and build a project's ZIP. Plain functions that do
 * not know HTTP; like the library's, they take the part of Deps they use ({ db, env }) and the owner's id.
 */
import { ARTIFACTS, type ArtifactType } from "../pipeline/catalogue";
import { requireProject } from "../projects/service";
import { exportProject } from "./export";
import { projectFacts } from "./facts";
import { startGeneration } from "./generation";
import { artifactView, type LibraryDeps, requireArtifact, versionBody } from "./library";
import { listArtifacts } from "./queries";

/** Queues the artifact of a type for a project, written from the guide's facts as they are now. */
export async function generateForProject(
  { db, env }: LibraryDeps,
  ownerId: string,
  projectId: string,
  body: { type: ArtifactType; conversationId?: string; instructions?: string },
) {
  const project = await requireProject({ db }, ownerId, projectId);
  const facts = await projectFacts(env, ownerId, project);
  return startGeneration(db, env, {
    ownerId,
    projectId: project.id,
    title: ARTIFACTS[body.type].title,
    facts,
    ...body,
  });
}

/** Queues a new version of an artifact from the user's feedback. */
export async function regenerate({ db, env }: LibraryDeps, ownerId: string, id: string, feedback: string) {
  const a = await requireArtifact({ db }, ownerId, id);
  const project = await requireProject({ db }, ownerId, a.projectId);
  return startGeneration(db, env, {
    facts: await projectFacts(env, ownerId, project),
    ownerId,
    projectId: a.projectId,
    type: a.type as ArtifactType,
    title: a.title,
    instructions: feedback,
    source: "regenerate",
  });
}

/**
 * A ZIP of the project's latest artifact versions with a manifest, and the name to save it under.
 * The ZIP streams: each body is read when its entry is written, so memory holds one body at a time
 * whatever the project's size (up to 500 artifacts of 512 KiB; docs/PERFORMANCE.md, heavy paths).
 */
export async function projectZip(deps: LibraryDeps, ownerId: string, projectId: string) {
  const project = await requireProject(deps, ownerId, projectId);
  const rows = await listArtifacts(deps.db, { ownerId, projectId: project.id, sort: "type", limit: 500 });
  const stream = exportProject(
    project,
    rows
      .filter((a) => a.latestVersion)
      .map((a) => ({ ...artifactView(a), readBody: () => versionBody(deps, a, a.latestVersion!) })),
  );
  return { stream, filename: `${project.name.replace(/[^\w-]+/g, "-").slice(0, 60) || "project"}.zip` };
}
