/** SEARXNG_BASE_URL follows the one transport rule (lib/transport.ts). */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readResearchConfig } from "./config";

const withVars = (vars: Record<string, unknown>) => ({ ...env, ...vars }) as Env;

describe("the research provider's base URL", () => {
  it("accepts a self-hosted SearXNG on http://localhost, and refuses a remote one over http naming the rule", () => {
    expect(readResearchConfig(withVars({ SEARXNG_BASE_URL: "http://localhost:8888" })).searxngBaseUrl).toBe(
      "http://localhost:8888",
    );
    expect(() => readResearchConfig(withVars({ SEARXNG_BASE_URL: "http://searx.example.org" }))).toThrow(
      /SEARXNG_BASE_URL.*plain http is allowed only to a loopback host/,
    );
  });
});
