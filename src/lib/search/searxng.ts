/**
 * SearXNG adapter (a self-hosted metasearch engine): GET {base}/search?q&format=json&pageno. The
 * JSON format must be enabled in the instance's settings.yml (search.formats); otherwise it answers
 * 403. Results are `results[{title, url, content, engine}]`; SearXNG pages by its own page size, so
 * offset n asks for page n + 1 and the first `count` results of it are kept. The source names the
 * engine that found each result ("searxng:duckduckgo").
 */
import { fetchProviderJson, withQuery, type OutboundLimits } from "./outbound";
import { SearchError, type SearchProvider } from "./port";
import { cleanHits } from "./sanitize";

export interface SearxngOptions {
  /** The instance, from configuration only, e.g. https://search.example.org or https://example.org/searx. */
  baseUrl: string;
  limits: OutboundLimits;
  fetch?: typeof fetch;
}

interface SearxngResult {
  title?: unknown;
  url?: unknown;
  content?: unknown;
  engine?: unknown;
}

const engineName = (engine: unknown) =>
  typeof engine === "string"
    ? engine
        .toLowerCase()
        .replace(/[^a-z0-9 ._-]/g, "")
        .slice(0, 40)
    : "";

export function searxngSearch(options: SearxngOptions): SearchProvider {
  const endpoint = new URL("search", options.baseUrl.replace(/\/*$/, "/"));
  return {
    name: "searxng",
    external: true,
    shared: true,
    async search(q) {
      const body = (await fetchProviderJson({
        provider: "SearXNG",
        url: withQuery(endpoint, { q: q.query, format: "json", pageno: q.offset + 1 }),
        init: { headers: { Accept: "application/json" } },
        limits: options.limits,
        fetch: options.fetch,
        signal: q.signal,
        errorText: (b) =>
          typeof (b as { error?: unknown }).error === "string" ? (b as { error: string }).error : undefined,
      })) as { results?: unknown } | null;
      if (typeof body !== "object" || body === null || !Array.isArray(body.results))
        throw new SearchError("SearXNG sent no results list.", "malformed");
      return cleanHits(
        (body.results as SearxngResult[]).map((r) => ({
          title: r?.title,
          url: r?.url,
          snippet: r?.content,
          source: engineName(r?.engine) ? `searxng:${engineName(r?.engine)}` : "searxng",
        })),
        q.count,
      );
    },
  };
}
