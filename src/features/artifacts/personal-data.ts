/** Artifacts: rows and versions in D1, bodies in R2 (under the owner's prefix), the search index, cached reads. */
import { artifacts, artifactVersions } from "../../db/schema";
import { deleteKvPrefix, deleteR2Prefix } from "../../lib/listing";
import { iso, jsonFile, type PersonalData } from "../../lib/personal-data";
import type { ZipEntry } from "../../lib/zip";
import { cachePrefix, ownerPrefix, readBody } from "./library";
import { artifactsOf, deleteSearchEntriesOf, versionsOldestFirst } from "./queries";
import { artifactSearch } from "./search-table";

export const artifactData: PersonalData = {
  owner: "features/artifacts",
  tables: [artifacts, artifactVersions, artifactSearch],
  export: [
    {
      name: "artifacts",
      description:
        "artifacts/<id>/artifact.json with its version history, and artifacts/<id>/v<n>.md: every version's body.",
      async collect({ env, db, userId }) {
        const rows = await artifactsOf(db, { ownerId: userId });
        const files: ZipEntry[] = [];
        for (const a of rows) {
          const versions = await versionsOldestFirst(db, { artifactId: a.id });
          // Read when the archive reaches it: an account's versions need not fit in memory together.
          for (const v of versions)
            files.push({ name: `artifacts/${a.id}/v${v.version}.md`, data: () => readBody(env, v.r2Key) });
          files.push(
            jsonFile(`artifacts/${a.id}/artifact.json`, {
              id: a.id,
              projectId: a.projectId,
              type: a.type,
              title: a.title,
              latestVersion: a.latestVersion || null,
              shared: a.shareTokenHash !== null,
              createdAt: iso(a.createdAt),
              updatedAt: iso(a.updatedAt),
              versions: versions.map((v) => ({
                version: v.version,
                source: v.source,
                note: v.note,
                bytes: v.bytes,
                createdAt: iso(v.createdAt),
                file: `artifacts/${a.id}/v${v.version}.md`,
              })),
            }),
          );
        }
        return { files, count: rows.length };
      },
    },
  ],
  async erase({ env, db, user }) {
    const ids = (await artifactsOf(db, { ownerId: user.id })).map((a) => a.id);
    return {
      async sweep() {
        await deleteR2Prefix(env.MEDIA, ownerPrefix(user.id));
      },
      // Cached bodies are keyed by owner and version.
      async sweepCaches() {
        await deleteKvPrefix(env.KV, cachePrefix(user.id));
      },
      // The rows go with the user (cascade); the FTS index is deleted explicitly as well.
      before: [deleteSearchEntriesOf(db, { ownerId: user.id })],
      counts: { artifacts: ids.length },
    };
  },
};
