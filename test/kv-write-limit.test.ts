/** The test pool's KV is production's: one write a second per key (test/kv-write-limit.mjs). */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("KV in the tests", () => {
  it("refuses a second write to one key within a second, like production, and takes other keys", async () => {
    const key = `limit-${crypto.randomUUID()}`;
    await env.KV.put(key, "1");
    await expect(env.KV.put(key, "2")).rejects.toThrow(/429 Too Many Requests/);
    await expect(env.KV.delete(key)).rejects.toThrow(/429 Too Many Requests/);
    expect(await env.KV.get(key)).toBe("1");
    await env.KV.put(`${key}-other`, "x");
    expect(await env.KV.get(`${key}-other`)).toBe("x");
  });
});
