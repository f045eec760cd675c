/**
 * The research job: runs a stored search through the configured provider, or serves it from the KV
 * cache, and stores the sanitized results with the search. Idempotent: a redelivery replaces the
 * search's results with the same ones.
 *
 * Failures become what the queue understands: a provider's rate limit or outage is retried (after
 * the provider's own Retry-After when it gives one); a refusal, an unreadable answer, a missing
 * consent or a misconfiguration fails the job at once, since retrying would only repeat it. Users
 * see a plain reason; the provider's own words go to the log only.
 */
import { cachedJson } from "../../lib/cache";
import { sha256Hex } from "../../lib/crypto";
import { Problem } from "../../lib/problem";
import { SearchError, type SearchHit, type SearchProvider, type SearchQuery } from "../../lib/search/port";
import { PermanentFailure, RetryLater, type JobHandler } from "../jobs/queue";
import { researchRuntime } from "./config";
import type { ResearchPorts } from "./ports";
import { findSearch, saveResults } from "./queries";
import type { ResearchJobInput } from "./service";

/** A provider that asks us to wait longer than this has run out of quota, not breath: give up. */
const MAX_WAIT_SECONDS = 300;

export type ResearchObserver = (
  env: Env,
  event: {
    ownerId: string;
    jobId: string;
    input: ResearchJobInput;
    status: "succeeded" | "failed";
    resultCount?: number;
    error?: string;
  },
) => Promise<void>;

function asJobFailure(e: unknown, provider: string): Error {
  if (e instanceof Problem) return new PermanentFailure(e.detail);
  if (!(e instanceof SearchError)) return e as Error;
  console.error(
    JSON.stringify({
      level: "error",
      msg: "search failed",
      provider,
      kind: e.kind,
      status: e.details.status,
      error: e.message,
    }),
  );
  const wait = e.details.retryAfterSeconds ?? 0;
  switch (e.kind) {
    case "rate-limited":
      return wait > MAX_WAIT_SECONDS
        ? new PermanentFailure(
            `The search provider (${provider}) has no searches left for now; try again in about ${Math.ceil(wait / 3600)} h.`,
          )
        : new RetryLater(`The search provider (${provider}) is rate limiting us.`, wait);
    case "unavailable":
      return new RetryLater(`The search provider (${provider}) is unavailable.`, 0);
    case "rejected":
      return new PermanentFailure(
        `The search provider (${provider}) refused the search${e.details.status ? ` (${e.details.status})` : ""}.`,
      );
    default:
      return new PermanentFailure(`The search provider (${provider}) sent an answer that could not be read.`);
  }
}

/** The provider's answer, or the cached one for the same normalized query when the provider's answers are shared. */
async function searchCached(env: Env, provider: SearchProvider, q: SearchQuery, ttlSeconds: number) {
  let fresh = false;
  const load = async () => {
    fresh = true;
    return { hits: await provider.search(q), fetchedAt: Date.now() };
  };
  if (!provider.shared) return { ...(await load()), cached: false };
  const key = `research:${provider.name}:${await sha256Hex(`${q.count}\n${q.offset}\n${q.query}`)}`;
  const entry = await cachedJson<{ hits: SearchHit[]; fetchedAt: number }>(env.KV, key, ttlSeconds, load);
  return { ...entry, cached: !fresh };
}

export function researchJob(ports: ResearchPorts): JobHandler<ResearchJobInput> {
  return {
    async run({ env, db, job, progress }) {
      const found = await findSearch(db, { jobId: job.id, ownerId: job.ownerId });
      if (!found) throw new PermanentFailure("The search was deleted before it ran.");
      const { search } = found;
      let providerName = "unknown";
      try {
        const config = researchRuntime.config(env);
        const provider = researchRuntime.provider(env, config, {
          db,
          ownerId: job.ownerId,
          library: ports.library,
        });
        providerName = provider.name;
        // Consent may have been withdrawn since the search was asked for.
        if (provider.external) await researchRuntime.consent(env, job.ownerId, "external-search");
        await progress(20);
        const { hits, fetchedAt, cached } = await searchCached(
          env,
          provider,
          { query: search.normalized, count: search.count, offset: search.pageOffset },
          config.cacheTtlSeconds,
        );
        await saveResults(db, job.id, hits, { provider: provider.name, cached, fetchedAt, now: Date.now() });
        return { resultCount: hits.length, provider: provider.name, cached };
      } catch (e) {
        throw asJobFailure(e, providerName);
      }
    },
    async settled(env, job, input, outcome) {
      await ports.observe(env, {
        ownerId: job.ownerId,
        jobId: job.id,
        input,
        status: outcome.status,
        ...(outcome.status === "succeeded"
          ? { resultCount: (outcome.result as { resultCount: number }).resultCount }
          : { error: outcome.error }),
      });
    },
  };
}
