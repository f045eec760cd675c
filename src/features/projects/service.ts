/** Projects: create, read, rename, delete. Plain functions over D1, always for one owner. */
import { newId } from "../../lib/crypto";
import { decodeCursor, keysetPage } from "../../lib/cursor";
import { notFound } from "../../lib/problem";
import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  updateProject,
  type ProjectRow,
} from "./queries";
import type { ProjectView } from "./schemas";
import type { Deps } from "../../lib/deps";

export const toProjectView = (r: ProjectRow): ProjectView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export async function createProject(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  input: { name: string; description?: string },
): Promise<ProjectView> {
  const now = Date.now();
  const row: ProjectRow = {
    id: newId(now),
    ownerId,
    name: input.name,
    description: input.description ?? "",
    createdAt: now,
    updatedAt: now,
  };
  await insertProject(db, row);
  return toProjectView(row);
}

/** The caller's project, or 404: someone else's project is indistinguishable from a missing one. */
export async function requireProject(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  id: string,
): Promise<ProjectRow> {
  const row = await findProject(db, { id, ownerId });
  if (!row) throw notFound("project");
  return row;
}

export async function listMyProjects(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  q: { cursor?: string; limit: number },
) {
  const rows = await listProjects(db, { ownerId, cursor: decodeCursor(q.cursor), limit: q.limit });
  return keysetPage(rows, q.limit, toProjectView, (last) => ({ v: last.updatedAt, id: last.id }));
}

export async function updateMyProject(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  id: string,
  patch: { name?: string; description?: string },
) {
  const row = await updateProject(db, { id, ownerId, patch, now: Date.now() });
  if (!row) throw notFound("project");
  return toProjectView(row);
}

export async function deleteMyProject({ db }: Pick<Deps, "db">, ownerId: string, id: string): Promise<void> {
  const gone = await deleteProject(db, { id, ownerId });
  if (!gone) throw notFound("project");
}
