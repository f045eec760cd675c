/**
 * Named D1 queries of the artifact library. Every read of private data takes the owner's id, so an
 * unscoped read cannot be written by accident; another user's artifact simply matches no row.
 */
import { and, asc, desc, eq, gt, lt, or, sql, type SQL } from "drizzle-orm";
import { artifacts, artifactVersions, users } from "../../db/schema";
import type { Cursor } from "../../lib/cursor";
import type { Database } from "../../lib/db";
import { plainText } from "../../lib/markdown";
import { artifactSearch } from "./search-table";
import { ftsMatch } from "./search-terms";

export type ArtifactRow = typeof artifacts.$inferSelect;
export type VersionRow = typeof artifactVersions.$inferSelect;

export const findArtifact = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.id, id), eq(artifacts.ownerId, ownerId)))
    .get();

export const findArtifactByType = (
  db: Database,
  { projectId, ownerId, type }: { projectId: string; ownerId: string; type: string },
) =>
  db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.projectId, projectId), eq(artifacts.ownerId, ownerId), eq(artifacts.type, type)))
    .get();

export const findVersion = (db: Database, { artifactId, version }: { artifactId: string; version: number }) =>
  db
    .select()
    .from(artifactVersions)
    .where(and(eq(artifactVersions.artifactId, artifactId), eq(artifactVersions.version, version)))
    .get();

export const listVersions = (db: Database, { artifactId }: { artifactId: string }) =>
  db
    .select()
    .from(artifactVersions)
    .where(eq(artifactVersions.artifactId, artifactId))
    .orderBy(desc(artifactVersions.version));

export const SORTS = {
  updated: { column: artifacts.updatedAt, direction: "desc" },
  name: { column: artifacts.title, direction: "asc" },
  type: { column: artifacts.type, direction: "asc" },
} as const;
export type ArtifactSort = keyof typeof SORTS;

/** Keyset paging in (sort key, id) order, ascending or descending. */
function afterCursor(sort: ArtifactSort, c: Cursor | undefined): SQL | undefined {
  if (!c) return undefined;
  const { column, direction } = SORTS[sort];
  const beyond = direction === "desc" ? lt : gt;
  const value = c.v ?? c.s;
  if (value === undefined) return beyond(artifacts.id, c.id);
  return or(beyond(column, value as never), and(eq(column, value as never), beyond(artifacts.id, c.id)));
}

export function listArtifacts(
  db: Database,
  q: {
    ownerId: string;
    projectId?: string;
    type?: string;
    sort: ArtifactSort;
    cursor?: Cursor;
    limit: number;
  },
) {
  const { column, direction } = SORTS[q.sort];
  const order = direction === "desc" ? desc : asc;
  return db
    .select()
    .from(artifacts)
    .where(
      and(
        eq(artifacts.ownerId, q.ownerId),
        q.projectId ? eq(artifacts.projectId, q.projectId) : undefined,
        q.type ? eq(artifacts.type, q.type) : undefined,
        afterCursor(q.sort, q.cursor),
      ),
    )
    .orderBy(order(column), order(artifacts.id))
    .limit(q.limit + 1);
}

/**
 * Full-text search, scoped to one owner inside the FTS match itself, with the bounds of
 * search-terms.ts. Every term must match, or with `anyTerm` any one of them (research queries are
 * sentences, not filters).
 */
export function searchArtifacts(
  db: Database,
  q: {
    ownerId: string;
    text: string;
    projectId?: string;
    type?: string;
    offset: number;
    limit: number;
    anyTerm?: boolean;
  },
) {
  const match = ftsMatch(q.ownerId, q.text, q.anyTerm);
  return db
    .select({ artifact: artifacts, snippet: sql<string>`snippet(artifact_search, 2, '[', ']', '…', 12)` })
    .from(artifactSearch)
    .innerJoin(artifacts, sql`${artifacts}.rowid = ${artifactSearch}.rowid`)
    .where(
      and(
        sql`artifact_search MATCH ${match}`,
        eq(artifacts.ownerId, q.ownerId),
        q.projectId ? eq(artifacts.projectId, q.projectId) : undefined,
        q.type ? eq(artifacts.type, q.type) : undefined,
      ),
    )
    .orderBy(sql`bm25(artifact_search, 0, 5.0, 1.0)`)
    .limit(q.limit + 1)
    .offset(q.offset);
}

/** Replaces the artifact's search row with its current title and body, as plain text (snippets are shown as text). */
export function indexForSearch(
  db: Database,
  a: { id: string; ownerId: string; title: string },
  body: string,
) {
  const rowid = sql<number>`(SELECT rowid FROM ${artifacts} WHERE ${artifacts.id} = ${a.id})`;
  return [
    db.delete(artifactSearch).where(eq(artifactSearch.rowid, rowid)),
    db.insert(artifactSearch).values({ rowid, owner: a.ownerId, title: a.title, body: plainText(body) }),
  ];
}

/** Every artifact of an owner (the account export and erasure). */
export const artifactsOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db.select().from(artifacts).where(eq(artifacts.ownerId, ownerId));

/** An artifact's versions, oldest first. */
export const versionsOldestFirst = (db: Database, { artifactId }: { artifactId: string }) =>
  db
    .select()
    .from(artifactVersions)
    .where(eq(artifactVersions.artifactId, artifactId))
    .orderBy(artifactVersions.version);

/** An owner's entries in the full-text index (erasure; deleting artifacts also removes them by trigger). */
export const deleteSearchEntriesOf = (db: Database, { ownerId }: { ownerId: string }) =>
  db
    .delete(artifactSearch)
    .where(sql`rowid IN (SELECT rowid FROM ${artifacts} WHERE ${artifacts.ownerId} = ${ownerId})`);

/** Creates the artifact unless the project already has one of this type (one per type and project). */
export const insertArtifactIfNone = (db: Database, row: typeof artifacts.$inferInsert) =>
  db
    .insert(artifacts)
    .values(row)
    .onConflictDoNothing({ target: [artifacts.projectId, artifacts.type] });

/**
 * A new version, numbered inside the statement (one more than the highest), so two concurrent
 * writes in their batches get two numbers. A job's second delivery inserts nothing (unique job id).
 */
export const insertNextVersion = (db: Database, row: Omit<typeof artifactVersions.$inferInsert, "version">) =>
  db
    .insert(artifactVersions)
    .values({
      ...row,
      version: sql<number>`(SELECT coalesce(max(${artifactVersions.version}), 0) + 1 FROM ${artifactVersions} WHERE ${artifactVersions.artifactId} = ${row.artifactId})`,
    })
    .onConflictDoNothing({ target: artifactVersions.jobId })
    .returning({ version: artifactVersions.version });

/** Points the artifact at its highest version, with the title that version gave it. */
export const markLatest = (db: Database, { id, title, now }: { id: string; title: string; now: number }) =>
  db
    .update(artifacts)
    .set({
      latestVersion: sql`(SELECT max(${artifactVersions.version}) FROM ${artifactVersions} WHERE ${artifactVersions.artifactId} = ${id})`,
      title,
      updatedAt: now,
    })
    .where(eq(artifacts.id, id));

export const artifactExists = async (db: Database, { id }: { id: string }) =>
  !!(await db.select({ id: artifacts.id }).from(artifacts).where(eq(artifacts.id, id)).get());

export const versionOfJob = (db: Database, { jobId }: { jobId: string }) =>
  db
    .select({ version: artifactVersions.version })
    .from(artifactVersions)
    .where(eq(artifactVersions.jobId, jobId))
    .get();

/** Versions and the search entry go with the artifact (cascade, trigger). */
export const deleteArtifact = (db: Database, { id, ownerId }: { id: string; ownerId: string }) =>
  db.delete(artifacts).where(and(eq(artifacts.id, id), eq(artifacts.ownerId, ownerId)));

export const setShareToken = (
  db: Database,
  { id, ownerId, tokenHash }: { id: string; ownerId: string; tokenHash: string | null },
) =>
  db
    .update(artifacts)
    .set({ shareTokenHash: tokenHash })
    .where(and(eq(artifacts.id, id), eq(artifacts.ownerId, ownerId)));

/** The one read that takes no owner: a share link's token hash is the capability. */
/** The artifact behind a share link, while its owner's account is active. */
export const findShared = async (db: Database, { tokenHash }: { tokenHash: string }) =>
  (
    await db
      .select({ artifact: artifacts })
      .from(artifacts)
      .innerJoin(users, eq(users.id, artifacts.ownerId))
      .where(and(eq(artifacts.shareTokenHash, tokenHash), eq(users.isActive, true)))
      .get()
  )?.artifact;
