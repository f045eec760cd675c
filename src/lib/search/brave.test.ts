import { describe, expect, it } from "vitest";
import { fakeServer } from "../../../test/fake-fetch";
import { braveSearch } from "./brave";
import { SearchError } from "./port";

const limits = { timeoutMs: 2000, maxBytes: 64 * 1024 };

/** A web search answer as the Brave Search API documents it (trimmed to the fields that matter, plus some that do not). */
const answer = {
  type: "search",
  query: { original: "user personas", more_results_available: true },
  mixed: { type: "mixed", main: [{ type: "web", index: 0, all: false }], top: [], side: [] },
  web: {
    type: "search",
    family_friendly: true,
    results: [
      {
        type: "search_result",
        subtype: "generic",
        title: "Personas &amp; <strong>user</strong> research",
        url: "https://ux.example.com/personas",
        description: "<strong>Personas</strong> are archetypes built from interviews.",
        page_age: "2024-05-10T00:00:00",
        profile: {
          name: "UX Example",
          url: "https://ux.example.com",
          long_name: "ux.example.com",
          img: "https://imgs.example.net/x.png",
        },
        meta_url: {
          scheme: "https",
          netloc: "ux.example.com",
          hostname: "ux.example.com",
          path: "› personas",
        },
      },
      { type: "search_result", title: "Bad link", url: "javascript:alert(1)", description: "dropped" },
      {
        type: "search_result",
        title: "Journey maps",
        url: "https://maps.example.org/journey",
        description: "Stages, goals and pain points.",
      },
    ],
  },
};

const errorResponse = (status: number, code: string, detail: string, meta: Record<string, unknown> = {}) => ({
  type: "ErrorResponse",
  error: { id: "c0ffee00-0000-4000-8000-000000000000", status, code, detail, meta },
  time: 1773685964,
});

describe("the Brave Search adapter", () => {
  it("sends q, count and offset with the subscription token, and maps web.results to clean hits", async () => {
    const server = fakeServer(() => Response.json(answer));
    const hits = await braveSearch({ apiKey: "BSA-test", limits, fetch: server.fetch }).search({
      query: "user personas",
      count: 5,
      offset: 1,
    });
    const req = server.seen[0]!;
    expect(req.method).toBe("GET");
    const url = new URL(req.url);
    expect(url.origin + url.pathname).toBe("https://api.search.brave.com/res/v1/web/search");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "user personas", count: "5", offset: "1" });
    expect(req.headers.get("X-Subscription-Token")).toBe("BSA-test");
    expect(req.headers.get("Accept")).toBe("application/json");
    expect(hits).toEqual([
      {
        title: "Personas & user research",
        url: "https://ux.example.com/personas",
        snippet: "Personas are archetypes built from interviews.",
        source: "brave",
      },
      {
        title: "Journey maps",
        url: "https://maps.example.org/journey",
        snippet: "Stages, goals and pain points.",
        source: "brave",
      },
    ]);
  });

  it("answers no hits when Brave has no web section for the query", async () => {
    const server = fakeServer(() => Response.json({ type: "search", query: { original: "zzqx" } }));
    expect(
      await braveSearch({ apiKey: "k", limits, fetch: server.fetch }).search({
        query: "zzqx",
        count: 10,
        offset: 0,
      }),
    ).toEqual([]);
  });

  it("turns a 429 into a retryable rate-limited error that says when to retry", async () => {
    const server = fakeServer(() =>
      Response.json(
        errorResponse(429, "RATE_LIMITED", "Request rate limit exceeded for plan", {
          plan: "Free",
          rate_limit: 1,
          rate_current: 1,
          quota_limit: 2000,
          quota_current: 15,
          component: "rate_limiter",
        }),
        {
          status: 429,
          headers: {
            "X-RateLimit-Limit": "1, 2000",
            "X-RateLimit-Policy": "1;w=1, 2000;w=2592000",
            "X-RateLimit-Remaining": "0, 1985",
            "X-RateLimit-Reset": "1, 1419704",
          },
        },
      ),
    );
    const err = await braveSearch({ apiKey: "k", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(SearchError);
    expect(err).toMatchObject({
      kind: "rate-limited",
      retryable: true,
      details: { status: 429, retryAfterSeconds: 1 },
    });
    expect(err.message).toBe("Brave Search answered 429: Request rate limit exceeded for plan");
  });

  it("waits for the monthly window when that is the one used up", async () => {
    const server = fakeServer(() =>
      Response.json(errorResponse(429, "QUOTA_LIMITED", "Quota exceeded"), {
        status: 429,
        headers: { "X-RateLimit-Remaining": "1, 0", "X-RateLimit-Reset": "1, 86400" },
      }),
    );
    const err = await braveSearch({ apiKey: "k", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err.details.retryAfterSeconds).toBe(86400);
  });

  it("reports a bad key or bad parameters as a refusal that retrying will not fix", async () => {
    const server = fakeServer(() =>
      Response.json(
        errorResponse(401, "SUBSCRIPTION_TOKEN_INVALID", "The provided subscription token is invalid."),
        { status: 401 },
      ),
    );
    const err = await braveSearch({ apiKey: "nope", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: "rejected", retryable: false, details: { status: 401 } });
    expect(err.message).toContain("The provided subscription token is invalid.");
  });

  it("reports a server error as unavailable, to be retried", async () => {
    const server = fakeServer(() => new Response("upstream connect error", { status: 503 }));
    const err = await braveSearch({ apiKey: "k", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: "unavailable", retryable: true });
  });

  it("rejects a body that is not the documented shape", async () => {
    for (const body of [
      "<html>captcha</html>",
      JSON.stringify({ type: "search", web: { results: "none" } }),
      "null",
    ]) {
      const server = fakeServer(
        () => new Response(body, { headers: { "Content-Type": "application/json" } }),
      );
      const err = await braveSearch({ apiKey: "k", limits, fetch: server.fetch })
        .search({ query: "q", count: 10, offset: 0 })
        .catch((e) => e);
      expect(err, body).toMatchObject({ kind: "malformed", retryable: false });
    }
  });
});
