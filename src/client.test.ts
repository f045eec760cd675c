import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, signUp } from "../test/helpers";
import { example } from "./client.example";
import exampleSource from "./client.example.ts?raw";
import readme from "../README.md?raw";

const worker = (exports as unknown as { default: Fetcher }).default;

describe("the typed hc client", () => {
  it("runs the README's example against the Worker with a personal access token", async () => {
    const s = await signUp("hc-user");
    const created = await api("/tokens", {
      method: "POST",
      token: s.accessToken,
      json: { name: "hc", scopes: ["read:projects", "write:projects"] },
    });
    const { token } = (await created.json()) as { token: string };
    const result = await example("http://uxprt.test/api/v1", token, (input, init) =>
      worker.fetch(new Request(input, init)),
    );
    expect(result.names).toEqual(["Plant shop"]);
    expect(result.nextStep).toBeDefined();
  });

  it("is the example the README shows, word for word", () => {
    expect(readme).toContain(exampleSource.trim());
  });
});
