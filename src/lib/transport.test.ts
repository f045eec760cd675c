import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fakeServer } from "../../test/fake-fetch";
import { readChatConfig } from "./llm/config";
import { openAICompatible } from "./llm/openai";
import { fetchProviderJson } from "./search/outbound";
import { isLoopbackHost, transportRefusal } from "./transport";

const withVars = (vars: Record<string, unknown>) => ({ ...env, ...vars }) as Env;

describe("the transport rule: https anywhere, plain http only to loopback", () => {
  it("knows loopback hosts, and nothing else is one", () => {
    for (const host of [
      "localhost",
      "LOCALHOST",
      "searx.localhost",
      "127.0.0.1",
      "127.8.9.10",
      "[::1]",
      "::1",
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      "localhost.example.com",
      "128.0.0.1",
      "10.0.0.1",
      "192.168.1.2",
      "[::2]",
      "127.0.0.1.nip.io",
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it("allows https and loopback http, and names the rule when it refuses", () => {
    expect(transportRefusal("https://search.example.org", "X")).toBeUndefined();
    expect(transportRefusal("http://localhost:8888/searx", "X")).toBeUndefined();
    expect(transportRefusal("http://127.0.0.1:11434/v1", "X")).toBeUndefined();
    expect(transportRefusal("http://[::1]:8080", "X")).toBeUndefined();
    expect(transportRefusal("http://search.example.org", "SEARXNG_BASE_URL")).toBe(
      "SEARXNG_BASE_URL is http://search.example.org: use https; plain http is allowed only to a loopback host (localhost, 127.0.0.0/8 or [::1])",
    );
    expect(transportRefusal("ftp://localhost/x", "X")).toMatch(
      /plain http is allowed only to a loopback host/,
    );
  });

  it("refuses a model endpoint over plain http to a remote host, in the settings and in the adapter", async () => {
    expect(readChatConfig(withVars({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" })).openai.baseUrl).toBe(
      "http://127.0.0.1:11434/v1",
    );
    expect(() => readChatConfig(withVars({ OPENAI_BASE_URL: "http://llm.example.net/v1" }))).toThrow(
      /OPENAI_BASE_URL.*plain http is allowed only to a loopback host/,
    );
    // Even built directly, the adapter sends nothing, and so never the key, over remote plain http.
    const server = fakeServer(() => new Response("data: [DONE]\n\n"));
    const model = openAICompatible({
      baseUrl: "http://llm.example.net/v1",
      model: "m",
      apiKey: "sk-secret",
      fetch: server.fetch,
    });
    const run = async () => {
      for await (const _ of model.stream({ system: "s", messages: [], guideReply: "" } as never));
    };
    await expect(run()).rejects.toThrow(/plain http is allowed only to a loopback host/);
    expect(server.seen).toHaveLength(0);
  });

  it("lets a search provider on loopback http be called", async () => {
    const server = fakeServer(() => Response.json({ results: [] }));
    const body = await fetchProviderJson({
      provider: "SearXNG",
      url: new URL("http://localhost:8888/search?q=x"),
      limits: { timeoutMs: 1000, maxBytes: 1024 },
      fetch: server.fetch,
    });
    expect(body).toEqual({ results: [] });
    expect(server.seen).toHaveLength(1);
  });
});
