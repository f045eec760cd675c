/**
 * Tavily Search adapter: POST https://api.tavily.com/search with `Authorization: Bearer tvly-…` and
 * a JSON body ({query, max_results ≤ 20, search_depth: "basic", …}). Results are
 * `results[{title, url, content, score}]`. Errors are `{detail: {error: "…"}}`: 401 bad key, 429 too
 * many requests, 432/433 plan or pay-as-you-go limit reached (refusals, not worth retrying soon).
 * Tavily does not page, so offset n keeps results n·count onwards of the first 20, and a page beyond
 * 20 results is empty without a call.
 */
import { fetchProviderJson, type OutboundLimits } from "./outbound";
import { SearchError, type SearchProvider } from "./port";
import { cleanHits } from "./sanitize";

export const TAVILY_ENDPOINT = "https://api.tavily.com/search";
/** The most results Tavily returns for one query. */
export const TAVILY_MAX_RESULTS = 20;

export interface TavilyOptions {
  apiKey: string;
  limits: OutboundLimits;
  fetch?: typeof fetch;
}

type TavilyError = { detail?: { error?: string } | string; error?: string };

const errorText = (b: unknown) => {
  const { detail, error } = b as TavilyError;
  return (typeof detail === "string" ? detail : detail?.error) ?? error;
};

export function tavilySearch(options: TavilyOptions): SearchProvider {
  return {
    name: "tavily",
    external: true,
    shared: true,
    async search(q) {
      const skip = q.offset * q.count;
      if (skip >= TAVILY_MAX_RESULTS) return [];
      const body = (await fetchProviderJson({
        provider: "Tavily",
        url: new URL(TAVILY_ENDPOINT),
        init: {
          method: "POST",
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            "Content-Type": "application/json",
            Accept: "application/json",
          },
          body: JSON.stringify({
            query: q.query,
            max_results: Math.min(TAVILY_MAX_RESULTS, skip + q.count),
            search_depth: "basic",
            topic: "general",
            include_answer: false,
            include_raw_content: false,
            include_images: false,
          }),
        },
        limits: options.limits,
        fetch: options.fetch,
        signal: q.signal,
        errorText,
      })) as { results?: unknown } | null;
      if (typeof body !== "object" || body === null || !Array.isArray(body.results))
        throw new SearchError("Tavily sent no results list.", "malformed");
      const results = (body.results as { title?: unknown; url?: unknown; content?: unknown }[]).slice(skip);
      return cleanHits(
        results.map((r) => ({ title: r?.title, url: r?.url, snippet: r?.content, source: "tavily" })),
        q.count,
      );
    },
  };
}
