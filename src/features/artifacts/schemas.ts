/** Shapes of the artifact library and generation jobs; the same schemas validate and document. */
import { z } from "zod";
import { idParam, pathId, Ulid, writtenText } from "../../lib/validate";
import { ARTIFACT_TYPES } from "../pipeline/catalogue";
import { EXPORT_FORMATS } from "./export";
import { SORTS } from "./queries";
import { MAX_SEARCH_TERMS, MIN_PREFIX_LENGTH, searchWords } from "./search-terms";

export const IdParam = idParam("artifact");
export const VersionParam = z.object({
  id: pathId("artifact"),
  n: z.coerce.number("No such version.").int("No such version.").min(1, "No such version."),
});
export const TokenParam = z.object({ token: z.string().regex(/^[\w-]{43}$/, "No such share link.") });

export const GenerateBody = z.strictObject({
  type: z.enum(ARTIFACT_TYPES),
  conversationId: Ulid.optional(),
  instructions: z.string().trim().max(2000).optional(),
});

export const RegenerateBody = z.strictObject({ feedback: writtenText("Feedback", 2000) });
export const RevertBody = z.strictObject({ version: z.number().int().min(1) });
export const EditBody = z.strictObject({
  // Kept as written (leading spaces mean something in Markdown), but spaces alone are no body.
  body: z
    .string()
    .max(512 * 1024)
    .refine((b) => b.trim() !== "", "The Markdown cannot be empty (spaces alone do not count)"),
  title: writtenText("The title", 200).optional(),
  note: z.string().trim().max(500).optional(),
});

export const ListQuery = z.object({
  projectId: Ulid.optional(),
  type: z.enum(ARTIFACT_TYPES).optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((q) => searchWords(q).length <= MAX_SEARCH_TERMS, `Search with at most ${MAX_SEARCH_TERMS} words`)
    .optional()
    .describe(
      `Full-text search over titles and bodies: every word must match; words of ${MIN_PREFIX_LENGTH} or more letters also match the words they begin; at most ${MAX_SEARCH_TERMS} words`,
    ),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]]).default("updated"),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const DiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const ExportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default("md") });

export const Artifact = z.object({
  id: z.string(),
  projectId: z.string(),
  type: z.string(),
  format: z.enum(["markdown", "mermaid", "layout"]),
  title: z.string(),
  version: z.number().nullable(),
  status: z.enum(["generating", "ready"]),
  shared: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ArtifactWithBody = Artifact.extend({ body: z.string().nullable() });
export const ArtifactPage = z.object({
  items: z.array(Artifact.extend({ snippet: z.string().optional() })),
  nextCursor: z.string().nullable(),
});
export const Version = z.object({
  version: z.number(),
  source: z.string(),
  bytes: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const VersionList = z.object({ items: z.array(Version) });
export const VersionWithBody = Artifact.merge(Version).extend({ body: z.string() });
export const Accepted = z.object({ jobId: z.string(), artifactId: z.string() });
export const ShareLink = z.object({ token: z.string(), path: z.string() });
