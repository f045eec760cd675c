/**
 * The gallery's domain logic: publish, edit, delete, score, read. Plain functions over D1, R2 and KV.
 *
 * Publishing writes the image to R2 first and the row second, and removes the image when the row
 * cannot be written, so a failure at any step leaves neither an orphan object nor a row without its
 * image. Every other change is one D1 batch, which D1 runs as a transaction.
 */
import type { AuthUser } from "../../lib/app-env";
import { auditEntry, type AuditFacts } from "../../lib/audit";
import { newId } from "../../lib/crypto";
import { decodeCursor, keysetPage } from "../../lib/cursor";
import type { Database } from "../../lib/db";
import { JsonText } from "../../lib/json-text";
import { Problem, forbidden, notFound, unprocessable } from "../../lib/problem";
import { afterGalleryChange, cachedCreation, cachedList, galleryChanged } from "./cache";
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, inspectImage, type ImageInfo } from "./images";
import {
  copySortKeysToTags,
  deleteCreation,
  findCreation,
  findMyScore,
  findOwnership,
  insertCreation,
  linkTagStatements,
  listCreations,
  recountTags,
  scoreStatements,
  scoreSummary,
  scoreView,
  sortValue,
  toView,
  unlinkTagStatements,
  updateCreation,
} from "./queries";
import { bayesianRank } from "./ranking";
import type { CreationView, Sort, TagMatch } from "./schemas";
import { matchTags, mergePages } from "./tag-match";
import type { Deps } from "../../lib/deps";

/** The gallery's services use all of Deps (the cache, D1 and the audit log). */
export type GalleryDeps = Deps;

/** R2 key of a creation's image; made by the server from the id, never from client input. */
export const imageKey = (creationId: string) => `creations/${creationId}/image`;

async function checkImage(file: File): Promise<{ bytes: Uint8Array; info: ImageInfo }> {
  if (file.size > MAX_IMAGE_BYTES)
    throw new Problem(413, `The image is larger than ${MAX_IMAGE_BYTES} bytes.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = inspectImage(bytes);
  if (!info)
    throw new Problem(415, "The image must be a PNG, JPEG, WebP or GIF file.", {
      errors: [{ field: "image", message: "Unsupported or damaged image" }],
    });
  if (
    info.width > MAX_IMAGE_SIDE ||
    info.height > MAX_IMAGE_SIDE ||
    info.width * info.height > MAX_IMAGE_PIXELS
  ) {
    throw unprocessable(
      `The image is ${info.width}×${info.height} px; the limit is ${MAX_IMAGE_SIDE} px a side and ${MAX_IMAGE_PIXELS} pixels.`,
      [{ field: "image", message: "Too many pixels" }],
    );
  }
  return { bytes, info };
}

export async function publish(
  { db, env }: GalleryDeps,
  owner: AuthUser,
  input: { title: string; description?: string; tags?: string[]; image?: File },
): Promise<CreationView> {
  const image = input.image && input.image.size > 0 ? await checkImage(input.image) : undefined;
  const now = Date.now();
  const id = newId(now);
  const tags = input.tags ?? [];
  const rank = bayesianRank(0, 0, 0);
  const key = image ? imageKey(id) : null;
  if (image && key) {
    await env.MEDIA.put(key, image.bytes, {
      httpMetadata: { contentType: image.info.type },
      customMetadata: { ownerId: owner.id },
    });
  }
  try {
    await db.batch([
      insertCreation(db, {
        id,
        ownerId: owner.id,
        title: input.title,
        description: input.description ?? "",
        imageKey: key,
        imageType: image?.info.type ?? null,
        imageWidth: image?.info.width ?? null,
        imageHeight: image?.info.height ?? null,
        imageBytes: image?.bytes.byteLength ?? null,
        tags: JSON.stringify(tags),
        createdAt: now,
        updatedAt: now,
        rank,
      }),
      ...linkTagStatements(db, id, tags, { rank, creativityAvg: 0, uniquenessAvg: 0 }),
      ...recountTags(db, tags),
      galleryChanged(db),
    ]);
  } catch (e) {
    if (key) await env.MEDIA.delete(key);
    throw e;
  }
  afterGalleryChange();
  return (await getCreation({ db, env, ctx: {} }, id)).value;
}

/** The public view, served from KV when warm. */
export async function getCreation({ db, env }: GalleryDeps, id: string): Promise<JsonText<CreationView>> {
  return cachedCreation(db, env.KV, id, async () => {
    const row = await findCreation(db, { id });
    if (!row) throw notFound("creation");
    return toView(row);
  });
}

/** The public view plus the caller's own score, which is private and therefore never cached. */
export async function getCreationFor(
  deps: GalleryDeps,
  id: string,
  viewer?: AuthUser,
): Promise<JsonText<CreationView & { myScore?: { creativity: number; uniqueness: number } | null }>> {
  const [view, mine] = await Promise.all([
    getCreation(deps, id),
    viewer ? findMyScore(deps.db, { creationId: id, userId: viewer.id }) : Promise.resolve(undefined),
  ]);
  return viewer ? JsonText.of({ ...view.value, myScore: mine ?? null }) : view;
}

export async function list(
  { db, env }: GalleryDeps,
  q: { tag?: string; match?: TagMatch; owner?: string; sort: Sort; cursor?: string; limit: number },
): Promise<JsonText<{ items: CreationView[]; nextCursor: string | null; matchedTags?: string[] }>> {
  const cursor = decodeCursor(q.cursor);
  if (cursor && (q.sort === "newest") !== (cursor.v === undefined)) {
    throw new Problem(400, "This cursor belongs to another sort order.", {
      errors: [{ field: "cursor", message: "Sort mismatch" }],
    });
  }
  const similar = q.tag !== undefined && q.match === "similar";
  const key = JSON.stringify([q.tag ?? "", similar, q.owner ?? "", q.sort, q.cursor ?? "", q.limit]);
  return cachedList(db, env.KV, key, async () => {
    const matchedTags = similar ? await matchTags(db, q.tag!) : undefined;
    const rows = matchedTags
      ? mergePages(
          await Promise.all(matchedTags.map((tag) => listCreations(db, { ...q, tag, cursor }))),
          (r) => sortValue(q.sort, r),
          q.limit + 1,
        )
      : await listCreations(db, { ...q, cursor });
    return {
      ...keysetPage(rows, q.limit, toView, (last) => ({ id: last.id, v: sortValue(q.sort, last) })),
      ...(matchedTags ? { matchedTags } : {}),
    };
  });
}

/** Loads who owns a creation and checks the caller may change it (its owner, or an admin). */
async function authorize(db: Database, id: string, user: AuthUser) {
  const found = await findOwnership(db, { id });
  if (!found) throw notFound("creation");
  if (found.ownerId !== user.id && user.role !== "admin")
    throw forbidden("Only the owner or an admin may change this creation.");
  return { ...found, tags: JSON.parse(found.tags) as string[] };
}

export async function update(
  deps: GalleryDeps,
  user: AuthUser,
  id: string,
  patch: { title?: string; description?: string; tags?: string[] },
): Promise<CreationView> {
  const { db } = deps;
  const before = await authorize(db, id, user);
  const tags = patch.tags;
  const added = tags ? tags.filter((t) => !before.tags.includes(t)) : [];
  const removed = tags ? before.tags.filter((t) => !tags.includes(t)) : [];
  const summary = (await scoreSummary(db, { id }))!;
  await db.batch([
    updateCreation(db, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(tags ? { tags: JSON.stringify(tags) } : {}),
      updatedAt: Date.now(),
    }),
    ...unlinkTagStatements(db, id, removed),
    ...linkTagStatements(db, id, added, summary),
    // The summary read above may be stale by now; copy the creation's current keys.
    ...(added.length ? [copySortKeysToTags(db, id)] : []),
    ...recountTags(db, [...added, ...removed]),
    galleryChanged(db),
  ]);
  afterGalleryChange();
  return (await getCreation(deps, id)).value;
}

export async function remove(deps: GalleryDeps, user: AuthUser, id: string): Promise<void> {
  const { db, env, ctx } = deps;
  const found = await authorize(db, id, user);
  const byAdmin = found.ownerId !== user.id;
  const facts: AuditFacts = {
    event: byAdmin ? "creation.deleted_by_admin" : "creation.deleted",
    actorId: user.id,
    subjectId: id,
    detail: { ownerId: found.ownerId },
  };
  // Scores and tag links go with the row (ON DELETE CASCADE); usage counts are recounted after.
  await db.batch([
    deleteCreation(db, { id }),
    ...recountTags(db, found.tags),
    auditEntry(db, ctx, facts),
    galleryChanged(db),
  ]);
  afterGalleryChange();
  // The row is gone first: a failed R2 delete leaves an unreachable object, never a row without its image.
  if (found.imageKey) await env.MEDIA.delete(found.imageKey);
}

export async function score(
  { db }: GalleryDeps,
  user: AuthUser,
  id: string,
  input: { creativity: number; uniqueness: number },
) {
  const found = await findOwnership(db, { id });
  if (!found) throw notFound("creation");
  if (found.ownerId === user.id) throw forbidden("You cannot score your own creation.");
  let summary: Awaited<ReturnType<typeof db.batch>>[2][number] | undefined;
  try {
    const [, , added] = await db.batch([
      ...scoreStatements(db, { creationId: id, userId: user.id, ...input, now: Date.now() }),
      galleryChanged(db),
    ]);
    summary = added[0];
  } catch (e) {
    // The creation was deleted between the check and the write: the foreign key refused the score.
    if (/FOREIGN KEY/i.test(String((e as Error)?.message) + String((e as { cause?: unknown })?.cause ?? "")))
      throw notFound("creation");
    throw e;
  }
  afterGalleryChange();
  if (!summary) throw notFound("creation");
  return { score: scoreView(summary), myScore: input };
}
