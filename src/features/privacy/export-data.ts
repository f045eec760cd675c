/**
 * What an account export contains: everything the service holds about one user, gathered from D1,
 * R2 and the user's Durable Object, as files with documented shapes (docs/PRIVACY.md).
 *
 * Each section is one function that returns its files, so a feature with data of its own (research)
 * adds one entry to SECTIONS. Bodies are opened (decrypted): the export is for the user to read.
 */
import { desc, eq, or } from "drizzle-orm";
import {
  accessTokens,
  artifacts,
  artifactVersions,
  auditLog,
  conversations,
  creations,
  jobs,
  projects,
  researchResults,
  researchSearches,
  scores,
  users,
} from "../../db/schema";
import { database, type Database } from "../../lib/db";
import type { ZipEntry } from "../../lib/zip";
import { readBody } from "../artifacts/library";
import { toUser } from "../auth/queries";
import { userChat } from "../../lib/user-chat";
import type { ChatDump } from "../chat/user-chat";
import { imageKey } from "../creations/service";
import { listConsents } from "../../lib/consent";
import { toTokenView } from "../tokens/service";

interface SectionContext {
  env: Env;
  db: Database;
  userId: string;
  chat: ChatDump;
}

interface Section {
  name: string;
  description: string;
  collect(ctx: SectionContext): Promise<{ files: ZipEntry[]; count: number }>;
}

const iso = (ms: number) => new Date(ms).toISOString();
const json = (name: string, value: unknown): ZipEntry => ({ name, data: JSON.stringify(value, null, 2) });
const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

const SECTIONS: Section[] = [
  {
    name: "profile",
    description: "profile.json: the account (never the password hash).",
    async collect({ db, userId }) {
      const row = await db.select().from(users).where(eq(users.id, userId)).get();
      return {
        files: row ? [json("profile.json", { ...toUser(row), updatedAt: iso(row.updatedAt) })] : [],
        count: row ? 1 : 0,
      };
    },
  },
  {
    name: "consents",
    description: "consents.json: each purpose, its current version and your answer.",
    async collect({ db, userId }) {
      const { items } = await listConsents(db, userId);
      return { files: [json("consents.json", items)], count: items.length };
    },
  },
  {
    name: "tokens",
    description:
      "tokens.json: your personal access tokens' names, scopes and times (never their secrets or hashes).",
    async collect({ db, userId }) {
      const rows = await db.select().from(accessTokens).where(eq(accessTokens.userId, userId));
      const items = rows.map((t) => ({
        ...toTokenView(t),
        revokedAt: t.revokedAt ? iso(t.revokedAt) : null,
      }));
      return { files: [json("tokens.json", items)], count: items.length };
    },
  },
  {
    name: "projects",
    description:
      "projects.json: your projects, each with what the guide learned (guide: its pipeline state).",
    async collect({ db, userId, chat }) {
      const rows = await db.select().from(projects).where(eq(projects.ownerId, userId));
      const items = rows.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        createdAt: iso(p.createdAt),
        updatedAt: iso(p.updatedAt),
        guide: chat.pipelines.find((s) => s.projectId === p.id)?.state ?? null,
      }));
      return { files: [json("projects.json", items)], count: items.length };
    },
  },
  {
    name: "conversations",
    description: "conversations/<id>.json: each conversation with all its messages, oldest first.",
    async collect({ db, userId, chat }) {
      const rows = await db.select().from(conversations).where(eq(conversations.ownerId, userId));
      const files = rows.map((c) =>
        json(`conversations/${c.id}.json`, {
          id: c.id,
          projectId: c.projectId,
          title: c.title,
          agent: c.agent,
          createdAt: iso(c.createdAt),
          updatedAt: iso(c.updatedAt),
          messages: chat.messages
            .filter((m) => m.conversationId === c.id)
            .map(({ conversationId: _c, ...m }) => m),
        }),
      );
      return { files, count: rows.length };
    },
  },
  {
    name: "artifacts",
    description:
      "artifacts/<id>/artifact.json with its version history, and artifacts/<id>/v<n>.md: every version's body.",
    async collect({ env, db, userId }) {
      const rows = await db.select().from(artifacts).where(eq(artifacts.ownerId, userId));
      const files: ZipEntry[] = [];
      for (const a of rows) {
        const versions = await db
          .select()
          .from(artifactVersions)
          .where(eq(artifactVersions.artifactId, a.id))
          .orderBy(artifactVersions.version);
        for (const v of versions)
          files.push({ name: `artifacts/${a.id}/v${v.version}.md`, data: await readBody(env, v.r2Key) });
        files.push(
          json(`artifacts/${a.id}/artifact.json`, {
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
  {
    name: "creations",
    description:
      "creations.json: your gallery creations with their score summaries; creations/<id>/image.<ext>: their images.",
    async collect({ env, db, userId }) {
      const rows = await db.select().from(creations).where(eq(creations.ownerId, userId));
      const files: ZipEntry[] = [];
      const items = [];
      for (const c of rows) {
        const object = c.imageKey ? await env.MEDIA.get(imageKey(c.id)) : null;
        const image =
          object && c.imageType ? `creations/${c.id}/image.${EXTENSIONS[c.imageType] ?? "bin"}` : null;
        if (object && image) files.push({ name: image, data: new Uint8Array(await object.arrayBuffer()) });
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
      return { files: [json("creations.json", items), ...files], count: rows.length };
    },
  },
  {
    name: "scores",
    description: "scores.json: the scores you gave to other people's creations.",
    async collect({ db, userId }) {
      const rows = await db.select().from(scores).where(eq(scores.userId, userId));
      const items = rows.map((s) => ({
        creationId: s.creationId,
        creativity: s.creativity,
        uniqueness: s.uniqueness,
        createdAt: iso(s.createdAt),
        updatedAt: iso(s.updatedAt),
      }));
      return { files: [json("scores.json", items)], count: items.length };
    },
  },
  {
    name: "jobs",
    description:
      "jobs.json: background jobs you started (artifact generation, research, exports), with what they were given and produced.",
    async collect({ db, userId }) {
      const rows = await db.select().from(jobs).where(eq(jobs.ownerId, userId)).orderBy(desc(jobs.createdAt));
      const items = rows.map((j) => ({
        id: j.id,
        kind: j.kind,
        projectId: j.projectId,
        status: j.status,
        error: j.error,
        input: JSON.parse(j.input) as unknown,
        result: j.result ? (JSON.parse(j.result) as unknown) : null,
        createdAt: iso(j.createdAt),
        updatedAt: iso(j.updatedAt),
      }));
      return { files: [json("jobs.json", items)], count: items.length };
    },
  },
  {
    name: "research",
    description: "research.json: your searches, each with its stored results (title, url, snippet, source).",
    async collect({ db, userId }) {
      const searches = await db
        .select()
        .from(researchSearches)
        .where(eq(researchSearches.ownerId, userId))
        .orderBy(desc(researchSearches.createdAt));
      const items = [];
      for (const s of searches) {
        const results = await db
          .select()
          .from(researchResults)
          .where(eq(researchResults.jobId, s.jobId))
          .orderBy(researchResults.position);
        items.push({
          jobId: s.jobId,
          projectId: s.projectId,
          query: s.query,
          provider: s.provider,
          createdAt: iso(s.createdAt),
          results: results.map((r) => ({
            title: r.title,
            url: r.url,
            snippet: r.snippet,
            source: r.source,
            fetchedAt: iso(r.fetchedAt),
          })),
        });
      }
      return { files: [json("research.json", items)], count: items.length };
    },
  },
  {
    name: "audit",
    description:
      "audit.json: security and privacy events about your account (client: a keyed pseudonym of the network address).",
    async collect({ db, userId }) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(or(eq(auditLog.actorId, userId), eq(auditLog.subjectId, userId)))
        .orderBy(auditLog.id);
      const items = rows.map((r) => ({
        at: iso(r.at),
        event: r.event,
        byYou: r.actorId === userId,
        requestId: r.requestId,
        client: r.client,
        detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
      }));
      return { files: [json("audit.json", items)], count: items.length };
    },
  },
];

export const EXPORT_FORMAT = { format: "uxprt-account-export", version: 1 } as const;

/** Every file of the export, the manifest first. */
export async function collectExport(env: Env, userId: string, now = Date.now()): Promise<ZipEntry[]> {
  const ctx: SectionContext = {
    env,
    db: database(env),
    userId,
    chat: await userChat(env, { id: userId }).dump(),
  };
  const files: ZipEntry[] = [];
  const sections = [];
  for (const section of SECTIONS) {
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
  return [json("manifest.json", manifest), ...files];
}
