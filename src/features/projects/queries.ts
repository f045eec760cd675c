/**
 * Named D1 queries of projects. Every one takes the owner's id, so a read or write that forgets
 * whose project it is cannot be written: another user's id simply matches no row.
 */
import { and, desc, eq, lt, or } from "drizzle-orm";
import { projects } from "../../db/schema";
import type { Cursor } from "../../lib/cursor";
import type { Database } from "../../lib/db";

export type ProjectRow = typeof projects.$inferSelect;

export const insertProject = (db: Database, row: ProjectRow) => db.insert(projects).values(row);

export const findProject = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.ownerId, ownerId)))
    .get();

/** Most recently updated first: a walk of projects_owner_updated from the cursor on. */
export const listProjects = (
  db: Database,
  { ownerId, cursor, limit }: { ownerId: string; cursor?: Cursor; limit: number },
) =>
  db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.ownerId, ownerId),
        cursor?.v !== undefined
          ? or(
              lt(projects.updatedAt, cursor.v),
              and(eq(projects.updatedAt, cursor.v), lt(projects.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(projects.updatedAt), desc(projects.id))
    .limit(limit + 1);

export const updateProject = (
  db: Database,
  {
    id,
    ownerId,
    patch,
    now,
  }: { id: string; ownerId: string; patch: { name?: string; description?: string }; now: number },
) =>
  db
    .update(projects)
    .set({ ...patch, updatedAt: now })
    .where(and(eq(projects.id, id), eq(projects.ownerId, ownerId)))
    .returning()
    .get();

/** Conversations go with it (ON DELETE CASCADE). */
export const deleteProject = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db
    .delete(projects)
    .where(and(eq(projects.id, id), eq(projects.ownerId, ownerId)))
    .returning({ id: projects.id })
    .get();

export const touchProject = (
  db: Database,
  { id, ownerId, now }: { id: string; ownerId: string; now: number },
) =>
  db
    .update(projects)
    .set({ updatedAt: now })
    .where(and(eq(projects.id, id), eq(projects.ownerId, ownerId)));

/** Every project of an owner (the account export). */
export const projectsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select().from(projects).where(eq(projects.ownerId, ownerId));
