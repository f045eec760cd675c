/** Shapes of research; the same schemas validate and document. */
import { z } from "zod";
import { idParam, pathId } from "../../lib/validate";

/** The project in /projects/{id}/research. */
export const IdParam = idParam("project");
export const JobIdParam = z.object({ jobId: pathId("search") });
export const KbParam = z.object({
  section: z.enum(["methods", "guidance", "templates"], "No such knowledge base entry."),
  slug: z.string().regex(/^[a-z0-9-]{1,60}$/, "No such knowledge base entry."),
});

export const ResearchBody = z.strictObject({
  query: z.string().trim().min(1).max(300),
  count: z.number().int().min(1).max(20).default(10),
  offset: z.number().int().min(0).max(9).default(0).describe("Which page of `count` results"),
});

export const ListQuery = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const JobStatus = z.enum(["queued", "running", "succeeded", "failed"]);

export const Search = z.object({
  jobId: z.string(),
  projectId: z.string(),
  query: z.string(),
  count: z.number(),
  offset: z.number(),
  status: JobStatus,
  error: z.string().nullable(),
  provider: z
    .string()
    .nullable()
    .describe("Who answered: local, brave, tavily or searxng; null until the job ran"),
  cached: z.boolean(),
  resultCount: z.number(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const Result = z.object({
  title: z.string(),
  url: z.string().describe("http(s), or uxprt://kb/… and uxprt://artifacts/… for local results"),
  snippet: z.string(),
  source: z.string().describe("local-kb, my-artifacts, brave, tavily or searxng:<engine>"),
  fetchedAt: z.string(),
});

export const SearchWithResults = Search.extend({ results: z.array(Result) });
export const SearchPage = z.object({ items: z.array(Search), nextCursor: z.string().nullable() });
export const Accepted = z.object({ jobId: z.string() });
export const KbEntryView = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  body: z.string(),
});
