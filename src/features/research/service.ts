/**
 * Research for the HTTP routes and the guide: start a search (limits, consent, a queued job), read
 * one with its results, list a project's searches. Knows nothing of HTTP.
 */
import type { Database } from "../../lib/db";
import { decodeCursor, keysetPage } from "../../lib/cursor";
import { notFound, Problem } from "../../lib/problem";
import type { AgentId } from "../pipeline/catalogue";
import { enqueueJob } from "../jobs/queue";
import { researchRuntime, type ResearchConfig } from "./config";
import type { ResearchPorts } from "./ports";
import { findSearch, insertSearch, listSearches, recentSearches, resultsOf, type SearchRow } from "./queries";
import type { Deps } from "../../lib/deps";

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ResearchJobInput {
  /** The conversation that asked, which hears how it went. */
  conversationId?: string;
  agent?: AgentId;
}

/** What is searched and cached: case, spacing and invisible characters do not make a new query. */
export const normalizeQuery = (query: string) =>
  query
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();

/**
 * The per-user limits, counted from the searches table itself: at most `perMinute` in any 60 s and
 * `perDay` per UTC day. Two requests at the same instant can both pass; these limits protect the
 * provider bill and the queue, and one search over is harmless.
 */
async function checkLimits(
  db: Database,
  ownerId: string,
  config: Pick<ResearchConfig, "perMinute" | "perDay">,
  now: number,
) {
  const dayStart = Math.floor(now / DAY) * DAY;
  const minuteSince = now - MINUTE;
  const counts = await recentSearches(db, { ownerId, dayStart, minuteSince });
  const seconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));
  if ((counts?.today ?? 0) >= config.perDay) {
    throw new Problem(
      429,
      `You have used your ${config.perDay} searches for today; the quota resets at midnight UTC.`,
      { headers: { "Retry-After": seconds(dayStart + DAY - now) } },
    );
  }
  if ((counts?.lastMinute ?? 0) >= config.perMinute) {
    throw new Problem(429, `At most ${config.perMinute} searches a minute; wait a moment.`, {
      headers: { "Retry-After": seconds((counts?.oldestInMinute ?? now) + MINUTE - now) },
    });
  }
}

export async function startResearch(
  { db, env }: Pick<Deps, "db" | "env">,
  req: {
    ownerId: string;
    projectId: string;
    query: string;
    count: number;
    offset: number;
    conversationId?: string;
    agent?: AgentId;
  },
  ports: Pick<ResearchPorts, "library">,
): Promise<{ jobId: string; provider: string }> {
  const config = researchRuntime.config(env);
  const provider = researchRuntime.provider(env, config, {
    db,
    ownerId: req.ownerId,
    library: ports.library,
  });
  if (provider.external) await researchRuntime.consent(env, req.ownerId, "external-search");
  const normalized = normalizeQuery(req.query);
  if (!normalized)
    throw new Problem(422, "The query has no searchable text.", {
      errors: [{ field: "query", message: "Empty after normalization" }],
    });
  const now = Date.now();
  await checkLimits(db, req.ownerId, config, now);
  const input: ResearchJobInput = {
    ...(req.conversationId ? { conversationId: req.conversationId, agent: req.agent } : {}),
  };
  const jobId = await enqueueJob(db, env, {
    ownerId: req.ownerId,
    projectId: req.projectId,
    kind: "research",
    input,
    now,
    rows: (id) => [
      insertSearch(db, {
        jobId: id,
        ownerId: req.ownerId,
        projectId: req.projectId,
        query: req.query.trim(),
        normalized,
        count: req.count,
        pageOffset: req.offset,
        createdAt: now,
      }),
    ],
  });
  return { jobId, provider: provider.name };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function searchView(r: { search: SearchRow; status: string; error: string | null }) {
  const s = r.search;
  return {
    jobId: s.jobId,
    projectId: s.projectId,
    query: s.query,
    count: s.count,
    offset: s.pageOffset,
    status: r.status,
    error: r.error,
    provider: s.provider,
    cached: s.cached,
    resultCount: s.resultCount,
    createdAt: iso(s.createdAt)!,
    completedAt: iso(s.completedAt),
  };
}

export async function readResearch({ db }: Pick<Deps, "db">, ownerId: string, jobId: string) {
  const found = await findSearch(db, { jobId, ownerId });
  if (!found) throw notFound("research job");
  const results = await resultsOf(db, { jobId });
  return {
    ...searchView(found),
    results: results.map((r) => ({
      title: r.title,
      url: r.url,
      snippet: r.snippet,
      source: r.source,
      fetchedAt: iso(r.fetchedAt)!,
    })),
  };
}

export async function listResearch(
  { db }: Pick<Deps, "db">,
  ownerId: string,
  projectId: string,
  page: { cursor?: string; limit: number },
) {
  const rows = await listSearches(db, {
    ownerId,
    projectId,
    cursor: decodeCursor(page.cursor),
    limit: page.limit,
  });
  return keysetPage(rows, page.limit, searchView, (last) => ({
    v: last.search.createdAt,
    id: last.search.jobId,
  }));
}
