/**
 * The SearchProvider port: one search call, whatever is behind it (Brave, SearXNG, Tavily, or the
 * app's own offline search). Adapters turn their wire format into sanitized SearchHits and every
 * failure into a SearchError, so the research job handles one shape.
 */

export interface SearchQuery {
  /** Already normalized by the caller; adapters send it as is. */
  query: string;
  /** Results wanted, 1–20. */
  count: number;
  /** Which page of `count` results, 0–9. */
  offset: number;
  signal?: AbortSignal;
}

export interface SearchHit {
  title: string;
  url: string;
  snippet: string;
  /** Where it came from: the provider's name ("brave", "searxng:duckduckgo"), "local-kb" or "my-artifacts". */
  source: string;
}

export interface SearchProvider {
  /** For logs, cache keys and the stored search: "brave", "tavily", "searxng", "local". */
  readonly name: string;
  /** Sends the query to an outside service (so it needs the user's consent). */
  readonly external: boolean;
  /** Its answers depend on the query alone, so one user's results may serve another from the cache. */
  readonly shared: boolean;
  search(q: SearchQuery): Promise<SearchHit[]>;
}

export type SearchErrorKind =
  /** The provider's rate limit or quota: try again after `retryAfterSeconds`. */
  | "rate-limited"
  /** Down, unreachable, too slow, or a 5xx: try again later. */
  | "unavailable"
  /** The provider refused the request (bad key, bad parameter): retrying will not help. */
  | "rejected"
  /** The answer was not what the provider documents (not JSON, wrong shape, too large). */
  | "malformed";

export class SearchError extends Error {
  constructor(
    message: string,
    readonly kind: SearchErrorKind,
    readonly details: { status?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "SearchError";
  }

  get retryable(): boolean {
    return this.kind === "rate-limited" || this.kind === "unavailable";
  }
}
