/**
 * What an artifact cites: the project's stored research results, newest search first, each link
 * once. Artifacts of the stages the catalogue marks for research (audience and personas;
 * go-to-market and brand) cite them; the writer numbers them [n] and lists them under References.
 */
import type { Database } from "../../lib/db";
import { cleanText } from "../../lib/search/sanitize";
import { ARTIFACTS, stageSpec, type ArtifactType } from "../pipeline/catalogue";
import { projectResults } from "./queries";

/** A source an artifact cites (features/artifacts/writer.ts numbers them and lists them under References). */
export interface Reference {
  title: string;
  url: string;
  /** What the source says, in a sentence or two: the finding it is cited for. */
  note?: string;
}

/** Enough to ground a document without burying it; the rest stay in GET /projects/{id}/research. */
export const MAX_REFERENCES = 8;
const MAX_FINDING = 200;

export const citesResearch = (type: ArtifactType) => stageSpec(ARTIFACTS[type].stage).research;

/** The finding a result is cited for: its first sentence, short. */
const finding = (snippet: string) =>
  cleanText(snippet.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? snippet, MAX_FINDING);

/**
 * The best results of every search in turn (each search's first, then each one's second, …), newest
 * search first, so one broad search cannot crowd out the others. `exclude` keeps an artifact from
 * citing itself when an earlier version of it was a search result.
 */
export async function projectReferences(
  db: Database,
  q: { ownerId: string; projectId: string; exclude?: string },
): Promise<Reference[]> {
  const rows = await projectResults(db, { ownerId: q.ownerId, projectId: q.projectId, limit: 200 });
  const bySearch = new Map<string, typeof rows>();
  for (const r of rows) bySearch.set(r.jobId, [...(bySearch.get(r.jobId) ?? []), r]);
  const queues = [...bySearch.values()];
  const seen = new Set(q.exclude ? [q.exclude] : []);
  const out: Reference[] = [];
  for (let rank = 0; out.length < MAX_REFERENCES && queues.some((results) => rank < results.length); rank++) {
    for (const r of queues.map((results) => results[rank])) {
      if (!r || seen.has(r.url) || out.length >= MAX_REFERENCES) continue;
      seen.add(r.url);
      out.push({ title: r.title, url: r.url, ...(r.snippet ? { note: finding(r.snippet) } : {}) });
    }
  }
  return out;
}
