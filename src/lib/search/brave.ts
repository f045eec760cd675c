/**
 * Brave Search API adapter: GET https://api.search.brave.com/res/v1/web/search?q&count&offset with
 * the key in X-Subscription-Token. Results are `web.results[{title, url, description}]` (the
 * description carries <strong> highlights, removed by the sanitizer); a query with no web results has
 * no `web` section. Errors are `{type: "ErrorResponse", error: {status, code, detail}}`; a 429 says
 * when to come back in X-RateLimit-Reset, one number of seconds per window of the plan
 * ("1, 1419704": per second, per month), with X-RateLimit-Remaining telling which window ran out.
 */
import { fetchProviderJson, withQuery, type OutboundLimits } from "./outbound";
import { SearchError, type SearchProvider } from "./port";
import { cleanHits } from "./sanitize";

export const BRAVE_ENDPOINT = "https://api.search.brave.com/res/v1/web/search";

export interface BraveOptions {
  apiKey: string;
  limits: OutboundLimits;
  /** Injected in tests; the platform's fetch otherwise. */
  fetch?: typeof fetch;
}

interface BraveBody {
  web?: { results?: unknown };
  error?: { detail?: string; code?: string };
}

const numbers = (header: string | null) => (header ?? "").split(",").map((n) => Number(n.trim()));

/** The reset of the window that ran out (the longest, if several did), else the shortest. */
export function braveRetryAfter(res: Response): number | undefined {
  const reset = numbers(res.headers.get("X-RateLimit-Reset"));
  const remaining = numbers(res.headers.get("X-RateLimit-Remaining"));
  const spent = reset.filter((r, i) => Number.isFinite(r) && remaining[i] === 0);
  const candidates = spent.length ? [Math.max(...spent)] : reset.filter(Number.isFinite);
  return candidates.length ? Math.min(...candidates) : undefined;
}

export function braveSearch(options: BraveOptions): SearchProvider {
  return {
    name: "brave",
    external: true,
    shared: true,
    async search(q) {
      const body = (await fetchProviderJson({
        provider: "Brave Search",
        url: withQuery(BRAVE_ENDPOINT, { q: q.query, count: q.count, offset: q.offset }),
        init: { headers: { Accept: "application/json", "X-Subscription-Token": options.apiKey } },
        limits: options.limits,
        fetch: options.fetch,
        signal: q.signal,
        errorText: (b) => (b as BraveBody).error?.detail ?? (b as BraveBody).error?.code,
        retryAfter: braveRetryAfter,
      })) as BraveBody | null;
      if (typeof body !== "object" || body === null)
        throw new SearchError("Brave Search sent a body that is not an object.", "malformed");
      const results = body.web?.results ?? [];
      if (!Array.isArray(results))
        throw new SearchError("Brave Search sent web.results that is not a list.", "malformed");
      return cleanHits(
        results.map((r: { title?: unknown; url?: unknown; description?: unknown }) => ({
          title: r?.title,
          url: r?.url,
          snippet: r?.description,
          source: "brave",
        })),
        q.count,
      );
    },
  };
}
