/**
 * What an account export contains: everything the service holds about one user, gathered from D1,
 * R2 and the user's Durable Object, as files with documented shapes (docs/PRIVACY.md).
 *
 * The sections are those of every personal-data declaration (personal-data.ts), in its order; each
 * returns its files. Bodies are opened (decrypted): the export is for the user to read.
 */
import type { Deps } from "../../lib/deps";
import { type ExportContext, iso, jsonFile } from "../../lib/personal-data";
import { userChat } from "../../lib/user-chat";
import type { ZipEntry } from "../../lib/zip";
import { PERSONAL_DATA } from "./personal-data";

export const EXPORT_FORMAT = { format: "uxprt-account-export", version: 1 } as const;

/** Every file of the export, the manifest first. */
export async function collectExport(
  { db, env }: Pick<Deps, "db" | "env">,
  userId: string,
  now = Date.now(),
): Promise<ZipEntry[]> {
  const ctx: ExportContext = {
    env,
    db,
    userId,
    chat: await userChat(env, { id: userId }).dump(),
  };
  const files: ZipEntry[] = [];
  const sections = [];
  for (const section of PERSONAL_DATA.flatMap((d) => d.export)) {
    const collected = await section.collect(ctx);
    files.push(...collected.files);
    sections.push({
      name: section.name,
      description: section.description,
      count: collected.count,
      files: collected.files.map((f) => f.name),
    });
  }
  const manifest = { ...EXPORT_FORMAT, exportedAt: iso(now), userId, sections };
  return [jsonFile("manifest.json", manifest), ...files];
}
