/**
 * Research configuration and the choice of SearchProvider (SEARCH_PROVIDER):
 * - "brave" (secret BRAVE_API_KEY), "tavily" (secret TAVILY_API_KEY), "searxng" (SEARXNG_BASE_URL,
 *   an instance you run: https, or plain http on loopback only, see lib/transport.ts);
 * - "offline": the knowledge base and the user's own artifacts, no network;
 * - "auto" (default): brave, else tavily, else searxng, whichever is configured first, else offline.
 * A fresh clone therefore researches offline. Provider hosts come from here only: Brave's and
 * Tavily's are fixed in their adapters, SearXNG's is this var, and nothing a user sends changes them.
 */
import { z } from "zod";
import type { Database } from "../../lib/db";
import { Problem } from "../../lib/problem";
import { braveSearch } from "../../lib/search/brave";
import type { SearchProvider } from "../../lib/search/port";
import { searxngSearch } from "../../lib/search/searxng";
import { tavilySearch } from "../../lib/search/tavily";
import { serviceUrl } from "../../lib/transport";
import { readVars } from "../../lib/vars";
import { assertConsent } from "./consent";
import { type LibrarySearch, localSearch } from "./local";

const PROVIDERS = ["auto", "offline", "brave", "tavily", "searxng"] as const;

/** Far above any page of 20 results (Brave's are ~30 KiB): more is a broken or hostile answer. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

const Vars = z.object({
  SEARCH_PROVIDER: z.enum(PROVIDERS).default("auto"),
  SEARXNG_BASE_URL: serviceUrl("SEARXNG_BASE_URL").optional(),
  BRAVE_API_KEY: z.string().min(1).optional(),
  TAVILY_API_KEY: z.string().min(1).optional(),
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(8000),
  RESEARCH_CACHE_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  RESEARCH_SEARCHES_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RESEARCH_SEARCHES_PER_DAY: z.coerce.number().int().min(1).default(100),
});

export interface ResearchConfig {
  provider: (typeof PROVIDERS)[number];
  searxngBaseUrl?: string;
  braveApiKey?: string;
  tavilyApiKey?: string;
  timeoutMs: number;
  cacheTtlSeconds: number;
  perMinute: number;
  perDay: number;
}

export function readResearchConfig(env: Env): ResearchConfig {
  const v = readVars(env, Vars, "Research");
  return {
    provider: v.SEARCH_PROVIDER,
    searxngBaseUrl: v.SEARXNG_BASE_URL,
    braveApiKey: v.BRAVE_API_KEY,
    tavilyApiKey: v.TAVILY_API_KEY,
    timeoutMs: v.SEARCH_TIMEOUT_MS,
    cacheTtlSeconds: v.RESEARCH_CACHE_TTL_SECONDS,
    perMinute: v.RESEARCH_SEARCHES_PER_MINUTE,
    perDay: v.RESEARCH_SEARCHES_PER_DAY,
  };
}

const needs = (what: string) => new Problem(503, `Research is misconfigured: ${what}.`);

export function selectProvider(
  _env: Env,
  config: ResearchConfig,
  who: { db: Database; ownerId: string; library: LibrarySearch },
): SearchProvider {
  const choice =
    config.provider !== "auto"
      ? config.provider
      : config.braveApiKey
        ? "brave"
        : config.tavilyApiKey
          ? "tavily"
          : config.searxngBaseUrl
            ? "searxng"
            : "offline";
  const limits = { timeoutMs: config.timeoutMs, maxBytes: MAX_RESPONSE_BYTES };
  switch (choice) {
    case "brave":
      if (!config.braveApiKey) throw needs("SEARCH_PROVIDER=brave needs the BRAVE_API_KEY secret");
      return braveSearch({ apiKey: config.braveApiKey, limits });
    case "tavily":
      if (!config.tavilyApiKey) throw needs("SEARCH_PROVIDER=tavily needs the TAVILY_API_KEY secret");
      return tavilySearch({ apiKey: config.tavilyApiKey, limits });
    case "searxng":
      if (!config.searxngBaseUrl) throw needs("SEARCH_PROVIDER=searxng needs SEARXNG_BASE_URL");
      return searxngSearch({ baseUrl: config.searxngBaseUrl, limits });
    default:
      return localSearch(who.db, who.ownerId, who.library);
  }
}

/**
 * Indirection the routes and the job call through, so tests in workerd can put a scripted provider
 * or a refusing consent check in place with vi.spyOn, without a test-only code path in production.
 */
export const researchRuntime = {
  config: readResearchConfig,
  provider: selectProvider,
  consent: assertConsent,
};
