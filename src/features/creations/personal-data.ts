/**
 * The gallery: a user's creations (rows in D1, images in R2, cached reads) and the scores they gave
 * to other people's creations, whose running sums and ranks an erasure takes their scores back from.
 */
import { creations, creationTags, scores, tagSpellings, tags } from "../../db/schema";
import { deleteKvPrefix } from "../../lib/listing";
import { iso, jsonFile, type PersonalData, type Statement } from "../../lib/personal-data";
import type { ZipEntry } from "../../lib/zip";
import { afterGalleryChange, GALLERY_CACHE_PREFIXES, galleryChanged } from "./cache";
import {
  creationsOf,
  creationTagsOf,
  deleteUnusedTags,
  recountTags,
  scoredBy,
  scoresBy,
  takeBackScores,
} from "./queries";
import { imageKey } from "./service";

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

export const creationData: PersonalData = {
  owner: "features/creations",
  tables: [creations, creationTags, scores, tags, tagSpellings],
  export: [
    {
      name: "creations",
      description:
        "creations.json: your gallery creations with their score summaries; creations/<id>/image.<ext>: their images.",
      async collect({ env, db, userId }) {
        const rows = await creationsOf(db, { ownerId: userId });
        const files: ZipEntry[] = [];
        const items = [];
        for (const c of rows) {
          // Only whether the image is there is read now; its bytes when the archive reaches it.
          const object = c.imageKey ? await env.MEDIA.head(imageKey(c.id)) : null;
          const image =
            object && c.imageType ? `creations/${c.id}/image.${EXTENSIONS[c.imageType] ?? "bin"}` : null;
          if (object && image)
            files.push({
              name: image,
              store: true,
              data: async () => {
                const got = await env.MEDIA.get(imageKey(c.id));
                if (!got) throw new Error(`creation image ${c.id} went away during the export`);
                return new Uint8Array(await got.arrayBuffer());
              },
            });
          items.push({
            id: c.id,
            title: c.title,
            description: c.description,
            tags: JSON.parse(c.tags) as string[],
            image: image
              ? {
                  file: image,
                  type: c.imageType,
                  width: c.imageWidth,
                  height: c.imageHeight,
                  bytes: c.imageBytes,
                }
              : null,
            score: {
              count: c.scoreCount,
              creativityAvg: c.creativityAvg,
              uniquenessAvg: c.uniquenessAvg,
              rank: c.rank,
            },
            createdAt: iso(c.createdAt),
            updatedAt: iso(c.updatedAt),
          });
        }
        return { files: [jsonFile("creations.json", items), ...files], count: rows.length };
      },
    },
    {
      name: "scores",
      description: "scores.json: the scores you gave to other people's creations.",
      async collect({ db, userId }) {
        const rows = await scoresBy(db, { userId });
        const items = rows.map((s) => ({
          creationId: s.creationId,
          creativity: s.creativity,
          uniqueness: s.uniqueness,
          createdAt: iso(s.createdAt),
          updatedAt: iso(s.updatedAt),
        }));
        return { files: [jsonFile("scores.json", items)], count: items.length };
      },
    },
  ],
  async erase({ env, db, user }) {
    const owned = await creationTagsOf(db, { ownerId: user.id });
    const touched = (await scoredBy(db, { userId: user.id })).map((s) => s.id);
    const ids = owned.map((c) => c.id);
    const tagNames = [...new Set(owned.flatMap((c) => JSON.parse(c.tags) as string[]))];
    // Tags only this user used would keep names they chose; unused ones go.
    const after: Statement[] = [...recountTags(db, tagNames)];
    after.push(...deleteUnusedTags(db, tagNames));
    return {
      async sweep() {
        if (ids.length) await env.MEDIA.delete(ids.map(imageKey));
      },
      // The batch's new gallery generation already makes every cached gallery view unreachable; the
      // entries that may show the user's creations, scores and name are also removed, not left to expire.
      async sweepCaches() {
        afterGalleryChange();
        for (const prefix of GALLERY_CACHE_PREFIXES) await deleteKvPrefix(env.KV, prefix);
      },
      before: [galleryChanged(db), ...takeBackScores(db, user.id)],
      after,
      counts: { creations: ids.length, scoresTakenBack: touched.length },
    };
  },
};
