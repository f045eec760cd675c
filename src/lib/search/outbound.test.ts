import { describe, expect, it } from "vitest";
import { fakeServer } from "../../../test/fake-fetch";
import { fetchProviderJson, retryAfterHeader } from "./outbound";
import { cleanHits, cleanText, cleanUrl } from "./sanitize";

const limits = { timeoutMs: 200, maxBytes: 1024 };
const call = (
  fetch: typeof globalThis.fetch,
  url = "https://api.example.com/search",
  over: { maxBytes?: number } = {},
) => fetchProviderJson({ provider: "Example", url: new URL(url), limits: { ...limits, ...over }, fetch });

describe("outbound calls to a provider", () => {
  it("refuse plain http without sending anything", async () => {
    const server = fakeServer(() => Response.json({}));
    const err = await call(server.fetch, "http://api.example.com/search").catch((e) => e);
    expect(err).toMatchObject({ kind: "rejected" });
    expect(server.seen).toHaveLength(0);
  });

  it("give up after the time-out, even while the body is still arriving", async () => {
    const slow = (async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"results": ['));
            init?.signal?.addEventListener("abort", () => c.error(init.signal!.reason));
          },
        }),
      )) as typeof fetch;
    const started = Date.now();
    const err = await call(slow).catch((e) => e);
    expect(err).toMatchObject({ kind: "unavailable", message: "Example did not answer within 200 ms." });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stop reading past the size cap, whatever Content-Length says", async () => {
    let cancelled = false;
    const endless = fakeServer(
      () =>
        new Response(
          new ReadableStream({
            pull(c) {
              c.enqueue(new Uint8Array(300).fill(32));
            },
            cancel() {
              cancelled = true;
            },
          }),
        ),
    );
    expect(await call(endless.fetch).catch((e) => e)).toMatchObject({
      kind: "malformed",
      message: "Example sent more than 1024 bytes.",
    });
    expect(cancelled).toBe(true);
    const declared = fakeServer(() => new Response("{}", { headers: { "Content-Length": "999999" } }));
    expect(await call(declared.fetch).catch((e) => e)).toMatchObject({ kind: "malformed" });
  });

  it("do not follow redirects to wherever a provider points", async () => {
    const server = fakeServer(
      () => new Response(null, { status: 302, headers: { Location: "http://evil.example.net/" } }),
    );
    expect(await call(server.fetch).catch((e) => e)).toMatchObject({
      kind: "rejected",
      details: { status: 302 },
    });
    expect(server.seen[0]!.redirect).toBe("manual");
  });

  it("report an unreachable provider as unavailable", async () => {
    const down = (async () => {
      throw new TypeError("connection refused");
    }) as typeof fetch;
    expect(await call(down).catch((e) => e)).toMatchObject({
      kind: "unavailable",
      message: "Example could not be reached: connection refused",
    });
  });

  it("read Retry-After as seconds or as a date", () => {
    expect(retryAfterHeader(new Response(null, { headers: { "Retry-After": "12" } }))).toBe(12);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(
      retryAfterHeader(
        new Response(null, { headers: { "Retry-After": "Thu, 01 Jan 2026 00:01:00 GMT" } }),
        now,
      ),
    ).toBe(60);
  });
});

describe("sanitizing what providers say", () => {
  it("leaves plain text: no markup (even entity-encoded), controls, bidi overrides or runs of space, and a capped length", () => {
    expect(cleanText("<p>Hi <b>there</b></p>\n\t&lt;script&gt;alert(1)&lt;/script&gt; done", 100)).toBe(
      "Hi there alert(1) done",
    );
    expect(cleanText("safe\u202etxt.exe\u0000\u200b!", 100)).toBe("safe txt.exe !");
    expect(cleanText("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
    expect(cleanText(42, 10)).toBe("");
  });

  it("keeps only absolute http(s) links without credentials, with parentheses encoded", () => {
    expect(cleanUrl("https://example.com/a_(b)")).toBe("https://example.com/a_%28b%29");
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,x",
      "/relative",
      "https://user:pw@example.com/",
      "ftp://example.com/",
      "uxprt://kb/x",
      7,
    ])
      expect(cleanUrl(bad), String(bad)).toBeUndefined();
  });

  it("drops unusable and repeated links, names untitled pages after their host, and stops at the limit", () => {
    const hits = cleanHits(
      [
        { title: "", url: "https://a.example.com/x", snippet: "s", source: "p" },
        { title: "dup", url: "https://a.example.com/x", snippet: "s", source: "p" },
        { title: "bad", url: "javascript:x", snippet: "s", source: "p" },
        { title: "b", url: "https://b.example.com/", snippet: "s", source: "p" },
        { title: "c", url: "https://c.example.com/", snippet: "s", source: "p" },
      ],
      2,
    );
    expect(hits.map((h) => [h.title, h.url])).toEqual([
      ["a.example.com", "https://a.example.com/x"],
      ["b", "https://b.example.com/"],
    ]);
  });
});
