import { describe, expect, it } from "vitest";
import { fakeServer } from "../../../test/fake-fetch";
import { tavilySearch } from "./tavily";

const limits = { timeoutMs: 2000, maxBytes: 64 * 1024 };

/** Tavily's search answer, as its API reference documents it. */
const answer = (n: number) => ({
  query: "user personas",
  follow_up_questions: null,
  answer: null,
  images: [],
  results: Array.from({ length: n }, (_, i) => ({
    url: `https://r${i}.example.com/`,
    title: `Result ${i}`,
    content: `Content ${i}`,
    score: 0.9 - i / 100,
    raw_content: null,
  })),
  response_time: 1.09,
  request_id: "123e4567-e89b-12d3-a456-426614174111",
});

describe("the Tavily adapter", () => {
  it("posts the query with a bearer key and a basic, answer-free search", async () => {
    const server = fakeServer(() => Response.json(answer(3)));
    const hits = await tavilySearch({ apiKey: "tvly-test", limits, fetch: server.fetch }).search({
      query: "user personas",
      count: 3,
      offset: 0,
    });
    const req = server.seen[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://api.tavily.com/search");
    expect(req.headers.get("Authorization")).toBe("Bearer tvly-test");
    expect(await req.json()).toEqual({
      query: "user personas",
      max_results: 3,
      search_depth: "basic",
      topic: "general",
      include_answer: false,
      include_raw_content: false,
      include_images: false,
    });
    expect(hits[0]).toEqual({
      title: "Result 0",
      url: "https://r0.example.com/",
      snippet: "Content 0",
      source: "tavily",
    });
    expect(hits).toHaveLength(3);
  });

  it("pages by asking for more and skipping, and answers an empty page past Tavily's 20 without a call", async () => {
    const server = fakeServer(() => Response.json(answer(15)));
    const provider = tavilySearch({ apiKey: "k", limits, fetch: server.fetch });
    const page = await provider.search({ query: "q", count: 10, offset: 1 });
    expect(((await server.seen[0]!.json()) as { max_results: number }).max_results).toBe(20);
    expect(page.map((h) => h.title)).toEqual([
      "Result 10",
      "Result 11",
      "Result 12",
      "Result 13",
      "Result 14",
    ]);
    expect(await provider.search({ query: "q", count: 10, offset: 2 })).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it("reads the error from detail.error: a bad key is a refusal", async () => {
    const server = fakeServer(() =>
      Response.json({ detail: { error: "Unauthorized: missing or invalid API key." } }, { status: 401 }),
    );
    const err = await tavilySearch({ apiKey: "bad", limits, fetch: server.fetch })
      .search({ query: "q", count: 5, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({
      kind: "rejected",
      retryable: false,
      message: "Tavily answered 401: Unauthorized: missing or invalid API key.",
    });
  });

  it("turns 429 into a retryable error with Retry-After, and a used-up plan (432) into a refusal", async () => {
    const limited = fakeServer(() =>
      Response.json(
        {
          detail: {
            error: "Your request has been blocked due to excessive requests. Please reduce rate of requests.",
          },
        },
        { status: 429, headers: { "Retry-After": "7" } },
      ),
    );
    const err = await tavilySearch({ apiKey: "k", limits, fetch: limited.fetch })
      .search({ query: "q", count: 5, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({
      kind: "rate-limited",
      retryable: true,
      details: { status: 429, retryAfterSeconds: 7 },
    });
    const spent = fakeServer(() =>
      Response.json(
        {
          detail: {
            error:
              "This request exceeds your plan's set usage limit. Please upgrade your plan or contact support@tavily.com",
          },
        },
        { status: 432 },
      ),
    );
    const refused = await tavilySearch({ apiKey: "k", limits, fetch: spent.fetch })
      .search({ query: "q", count: 5, offset: 0 })
      .catch((e) => e);
    expect(refused).toMatchObject({ kind: "rejected", retryable: false, details: { status: 432 } });
  });

  it("rejects an answer without a results list", async () => {
    const server = fakeServer(() => Response.json({ query: "q", answer: "just text" }));
    const err = await tavilySearch({ apiKey: "k", limits, fetch: server.fetch })
      .search({ query: "q", count: 5, offset: 0 })
      .catch((e) => e);
    expect(err).toMatchObject({ kind: "malformed" });
  });
});
