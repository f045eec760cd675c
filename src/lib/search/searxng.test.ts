import { describe, expect, it } from "vitest";
import { fakeServer } from "../../../test/fake-fetch";
import { SearchError } from "./port";
import { searxngSearch } from "./searxng";

const limits = { timeoutMs: 2000, maxBytes: 64 * 1024 };

const result = (n: number, engine = "duckduckgo") => ({
  url: `https://site${n}.example.org/page`,
  title: `Result ${n}`,
  content: `About result ${n}`,
  publishedDate: null,
  thumbnail: "",
  engine,
  template: "default.html",
  parsed_url: ["https", `site${n}.example.org`, "/page", "", "", ""],
  img_src: "",
  priority: "",
  engines: [engine, "brave"],
  positions: [n],
  score: 1 / n,
  category: "general",
});

/** The JSON answer of a SearXNG instance (format=json), as its search API documents it. */
const answer = (results: unknown[]) => ({
  query: "user personas",
  number_of_results: 0,
  results,
  answers: [],
  corrections: [],
  infoboxes: [],
  suggestions: ["user personas template"],
  unresponsive_engines: [["google", "timeout"]],
});

describe("the SearXNG adapter", () => {
  it("asks the configured instance for JSON, page offset + 1, and keeps the first count results", async () => {
    const server = fakeServer(() => Response.json(answer([result(1), result(2, "Wikipedia"), result(3)])));
    const hits = await searxngSearch({
      baseUrl: "https://search.example.net/searx",
      limits,
      fetch: server.fetch,
    }).search({ query: "user personas", count: 2, offset: 2 });
    const url = new URL(server.seen[0]!.url);
    expect(url.origin + url.pathname).toBe("https://search.example.net/searx/search");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "user personas", format: "json", pageno: "3" });
    expect(hits).toEqual([
      {
        title: "Result 1",
        url: "https://site1.example.org/page",
        snippet: "About result 1",
        source: "searxng:duckduckgo",
      },
      {
        title: "Result 2",
        url: "https://site2.example.org/page",
        snippet: "About result 2",
        source: "searxng:wikipedia",
      },
    ]);
  });

  it("drops results whose links are not http(s) and strips markup from their text", async () => {
    const server = fakeServer(() =>
      Response.json(
        answer([
          { ...result(1), url: "data:text/html,<script>alert(1)</script>" },
          { ...result(2), title: "<b>Bold</b>\u202e claim", content: "a&lt;script&gt;b" },
        ]),
      ),
    );
    const hits = await searxngSearch({
      baseUrl: "https://search.example.net/",
      limits,
      fetch: server.fetch,
    }).search({ query: "q", count: 10, offset: 0 });
    expect(hits).toEqual([
      {
        title: "Bold claim",
        url: "https://site2.example.org/page",
        snippet: "a b",
        source: "searxng:duckduckgo",
      },
    ]);
  });

  it("explains a 403 (JSON output not enabled on the instance) as a refusal", async () => {
    const server = fakeServer(
      () =>
        new Response("<html><body><h1>403 Forbidden</h1></body></html>", {
          status: 403,
          headers: { "Content-Type": "text/html" },
        }),
    );
    const err = await searxngSearch({ baseUrl: "https://search.example.net", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(SearchError);
    expect(err).toMatchObject({ kind: "rejected", details: { status: 403 } });
    expect(err.message).toBe("SearXNG answered 403: 403 Forbidden");
  });

  it("turns the instance's limiter answer (429) into a retryable error", async () => {
    const server = fakeServer(
      () => new Response("Too Many Requests", { status: 429, headers: { "Retry-After": "30" } }),
    );
    const err = await searxngSearch({ baseUrl: "https://search.example.net", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: "rate-limited", retryable: true, details: { retryAfterSeconds: 30 } });
  });

  it("rejects an answer without a results list", async () => {
    const server = fakeServer(() => Response.json({ query: "q", answers: [] }));
    const err = await searxngSearch({ baseUrl: "https://search.example.net", limits, fetch: server.fetch })
      .search({ query: "q", count: 10, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: "malformed" });
  });
});
