/**
 * The artifact library: versions, reads, edits, reverts, diffs, deletion and share links.
 *
 * A version is one R2 object plus one D1 row. The row, the artifact's latest_version and its search
 * entry change in one D1 batch (a transaction); the version number is computed inside that batch, so
 * two concurrent edits get two numbers instead of a conflict. Objects of job-written versions are keyed
 * by job id, so a redelivered job overwrites its own object instead of leaving a second one.
 *
 * Bodies are sealed (lib/sealing.ts) in R2 under their object key and in the KV cache under their
 * version's key (bodyCacheKey); ownership is checked in D1 on every read.
 */
import { cachedJson } from "../../lib/cache";
import { newId, randomToken, sha256Hex } from "../../lib/crypto";
import { unifiedDiff } from "../../lib/diff";
import { Problem, notFound } from "../../lib/problem";
import { openBytes, openText, sealBytes, sealText } from "../../lib/sealing";
import { ARTIFACTS, type ArtifactType } from "../pipeline/catalogue";
import { decodeCursor, encodeCursor, keysetPage } from "../../lib/cursor";
import {
  artifactExists,
  deleteArtifact,
  findArtifact,
  findShared,
  findVersion,
  indexForSearch,
  insertNextVersion,
  listArtifacts,
  listVersions,
  markLatest,
  searchArtifacts,
  setShareToken,
  type ArtifactRow,
  type ArtifactSort,
  type VersionRow,
  versionOfJob,
} from "./queries";
import type { Deps } from "../../lib/deps";

export type LibraryDeps = Pick<Deps, "db" | "env">;

/** Bodies are text; 512 KiB is far beyond any document the guide writes. */
export const MAX_BODY_BYTES = 512 * 1024;

const CACHE_TTL = 3600;
/**
 * A version is immutable, so its cached body never needs invalidating: the key names the version,
 * and which version is the latest (and who owns it, and whether it is shared) is read from D1 on
 * every read. No write of an artifact touches KV (KV takes one write a second per key). Keys start
 * with the owner's id, so an account's entries are found by prefix.
 */
export const cachePrefix = (ownerId: string) => `artifact:${ownerId}:`;
const bodyCacheKey = (a: { ownerId: string; id: string }, version: number) =>
  `${cachePrefix(a.ownerId)}${a.id}:v${version}`;

/** R2 keys start with the owner's id, so an account's objects can be listed and erased by prefix. */
export const ownerPrefix = (ownerId: string) => `artifacts/${ownerId}/`;
const objectKey = (a: Pick<ArtifactRow, "ownerId" | "id">, name: string) =>
  `${ownerPrefix(a.ownerId)}${a.id}/${name}`;

export function artifactView(a: ArtifactRow) {
  const spec = ARTIFACTS[a.type as ArtifactType];
  return {
    id: a.id,
    projectId: a.projectId,
    type: a.type,
    format: spec?.format ?? "markdown",
    title: a.title,
    version: a.latestVersion || null,
    status: a.latestVersion ? ("ready" as const) : ("generating" as const),
    shared: a.shareTokenHash !== null,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}

export type ArtifactView = ReturnType<typeof artifactView>;

const versionView = (v: VersionRow) => ({
  version: v.version,
  source: v.source,
  bytes: v.bytes,
  note: v.note,
  createdAt: new Date(v.createdAt).toISOString(),
});

export async function readBody(env: Env, key: string): Promise<string> {
  const object = await env.MEDIA.get(key);
  if (!object) throw new Problem(500, "An artifact version's body is missing from storage.");
  return new TextDecoder().decode(await openBytes(env, new Uint8Array(await object.arrayBuffer()), key));
}

/** Puts a sealed body; the key id in its metadata lets the rotation command skip current objects. */
export async function putBody(env: Env, key: string, plain: Uint8Array): Promise<void> {
  const sealed = await sealBytes(env, plain, key);
  await env.MEDIA.put(key, sealed.bytes, {
    httpMetadata: { contentType: "application/octet-stream" },
    customMetadata: { keyId: sealed.keyId },
  });
}

export async function requireArtifact(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  id: string,
): Promise<ArtifactRow> {
  const a = await findArtifact(db, { id, ownerId });
  if (!a) throw notFound("artifact");
  return a;
}

/**
 * Writes a new version and returns its number. With a jobId, writing again for the same job changes
 * nothing and returns the version that job made.
 */
export async function writeVersion(
  { db, env }: LibraryDeps,
  a: ArtifactRow,
  input: { body: string; source: VersionRow["source"]; jobId?: string; note?: string; title?: string },
): Promise<number> {
  const bytes = new TextEncoder().encode(input.body);
  if (bytes.byteLength > MAX_BODY_BYTES)
    throw new Problem(413, `An artifact body may be at most ${MAX_BODY_BYTES} bytes.`);
  const key = objectKey(a, input.jobId ? `job-${input.jobId}` : newId());
  await putBody(env, key, bytes);
  const now = Date.now();
  const title = input.title ?? a.title;
  let inserted: { version: number }[];
  try {
    [inserted] = await db.batch([
      insertNextVersion(db, {
        artifactId: a.id,
        r2Key: key,
        bytes: bytes.byteLength,
        source: input.source,
        jobId: input.jobId ?? null,
        note: input.note ?? null,
        createdAt: now,
      }),
      markLatest(db, { id: a.id, title, now }),
      ...indexForSearch(db, { ...a, title }, input.body),
    ]);
  } catch (e) {
    // A job's object is kept for its retry, unless the artifact is gone (deleted, or its account erased).
    if (!input.jobId || !(await artifactExists(db, { id: a.id }))) await env.MEDIA.delete(key);
    throw e;
  }
  // The number this request's row got, not the artifact's latest: a concurrent edit may be newer.
  const mine = inserted[0]?.version;
  if (mine !== undefined) return mine;
  // A redelivered job inserted nothing: its version is the one the first delivery made.
  const earlier = await versionOfJob(db, { jobId: input.jobId! });
  return earlier!.version;
}

/**
 * A version's body, from KV when warm (sealed there, like everything a user wrote). `a` must come
 * from an owner-checked read.
 */
export async function versionBody(
  { db, env }: LibraryDeps,
  a: ArtifactRow,
  version: number,
): Promise<string> {
  const key = bodyCacheKey(a, version);
  const entry = await cachedJson(env.KV, key, CACHE_TTL, async () => {
    const v = await findVersion(db, { artifactId: a.id, version });
    if (!v) throw notFound("version");
    return { sealed: await sealText(env, await readBody(env, v.r2Key), key) };
  });
  return openText(env, entry.sealed, key);
}

/** The latest version with its body: the row (owner-checked) from D1, the body cached by version. */
export async function readLatest(deps: LibraryDeps, ownerId: string, id: string) {
  const a = await requireArtifact(deps, ownerId, id);
  const body = a.latestVersion ? await versionBody(deps, a, a.latestVersion) : null;
  return { ...artifactView(a), body };
}

export async function readVersion({ db, env }: LibraryDeps, ownerId: string, id: string, version: number) {
  const a = await requireArtifact({ db }, ownerId, id);
  const v = await findVersion(db, { artifactId: a.id, version });
  if (!v) throw notFound("version");
  return { ...artifactView(a), ...versionView(v), body: await readBody(env, v.r2Key) };
}

export async function versions({ db }: LibraryDeps, ownerId: string, id: string) {
  const a = await requireArtifact({ db }, ownerId, id);
  return { items: (await listVersions(db, { artifactId: a.id })).map(versionView) };
}

export async function diff(deps: LibraryDeps, ownerId: string, id: string, from: number, to: number) {
  const [a, b] = await Promise.all([
    readVersion(deps, ownerId, id, from),
    readVersion(deps, ownerId, id, to),
  ]);
  return unifiedDiff(a.body, b.body, { from: `${a.title} v${from}`, to: `${b.title} v${to}` });
}

export async function edit(
  deps: LibraryDeps,
  ownerId: string,
  id: string,
  input: { body: string; title?: string; note?: string },
) {
  const a = await requireArtifact(deps, ownerId, id);
  if (!a.latestVersion) throw new Problem(409, "The artifact is still being generated.");
  const version = await writeVersion(deps, a, { ...input, source: "edit" });
  return readVersion(deps, ownerId, id, version);
}

export async function revert(deps: LibraryDeps, ownerId: string, id: string, to: number) {
  const old = await readVersion(deps, ownerId, id, to);
  const a = await requireArtifact(deps, ownerId, id);
  const version = await writeVersion(deps, a, {
    body: old.body,
    source: "revert",
    note: `Reverted to version ${to}`,
  });
  return readVersion(deps, ownerId, id, version);
}

/** Removes every version's object, then the rows (versions and search entry go with the artifact). */
export async function remove({ db, env }: LibraryDeps, ownerId: string, id: string) {
  const a = await requireArtifact({ db }, ownerId, id);
  const keys = (await listVersions(db, { artifactId: a.id })).map((v) => v.r2Key);
  await deleteArtifact(db, { id: a.id, ownerId });
  // Job-keyed objects of a version still being written are caught by listing the artifact's prefix.
  const listed = await env.MEDIA.list({ prefix: objectKey(a, "") });
  await env.MEDIA.delete([...new Set([...keys, ...listed.objects.map((o) => o.key)])]);
  // Its cached bodies are unreachable now (the row is gone) and expire within CACHE_TTL.
}

/** Makes (or replaces) the artifact's public link; the token is shown once and stored as a hash. */
export async function share({ db }: LibraryDeps, ownerId: string, id: string) {
  const a = await requireArtifact({ db }, ownerId, id);
  const token = randomToken();
  await setShareToken(db, { id: a.id, ownerId, tokenHash: await sha256Hex(token) });
  return { token, path: `/shared/${token}` };
}

export async function unshare({ db }: LibraryDeps, ownerId: string, id: string) {
  const a = await requireArtifact({ db }, ownerId, id);
  await setShareToken(db, { id: a.id, ownerId, tokenHash: null });
}

/**
 * What a share link shows: the latest version, read-only. Revoked or unknown tokens are 404, and so
 * are the links of a deactivated owner: suspended while the account is, back if it is reactivated
 * (erasure deletes the artifacts themselves).
 */
export async function readShared({ db, env }: LibraryDeps, token: string) {
  const a = await findShared(db, { tokenHash: await sha256Hex(token) });
  if (!a?.latestVersion) throw notFound("shared artifact");
  const v = await findVersion(db, { artifactId: a.id, version: a.latestVersion });
  if (!v) throw notFound("shared artifact");
  const { shared: _s, projectId: _p, ...view } = artifactView(a);
  return { ...view, body: await readBody(env, v.r2Key) };
}

/** One page of the library: full-text search with `q` (ranked, paged by position), else a sorted keyset listing. */
export async function listLibrary(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  q: {
    projectId?: string;
    type?: ArtifactType;
    q?: string;
    sort: ArtifactSort;
    cursor?: string;
    limit: number;
  },
) {
  if (q.q) {
    const offset = q.cursor ? (decodeCursor(q.cursor)?.v ?? 0) : 0;
    const rows = await searchArtifacts(db, {
      ownerId,
      text: q.q,
      projectId: q.projectId,
      type: q.type,
      offset,
      limit: q.limit,
    });
    return {
      items: rows
        .slice(0, q.limit)
        .map((r) => ({ ...artifactView(r.artifact), snippet: r.snippet as string | undefined })),
      nextCursor: rows.length > q.limit ? encodeCursor({ id: "search", v: offset + q.limit }) : null,
    };
  }
  const rows = await listArtifacts(db, {
    ownerId,
    projectId: q.projectId,
    type: q.type,
    sort: q.sort,
    cursor: decodeCursor(q.cursor),
    limit: q.limit,
  });
  const sortKey = (a: ArtifactRow) =>
    q.sort === "updated" ? { v: a.updatedAt } : { s: q.sort === "name" ? a.title : a.type };
  return keysetPage(
    rows,
    q.limit,
    (a) => ({ ...artifactView(a), snippet: undefined as string | undefined }),
    (last) => ({ id: last.id, ...sortKey(last) }),
  );
}
