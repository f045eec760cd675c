import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { cachedJson, cachedJsonText, ENTRY_MEMO_BYTES, ENTRY_MEMO_MS, uncache } from "./cache";
import { JsonText } from "./json-text";

const loader = (value: unknown) => {
  const calls: number[] = [];
  return { calls, load: async () => (calls.push(1), value) };
};

describe("cachedJson", () => {
  it("serves a KV hit from the isolate's memory until the memo expires", async () => {
    const key = `memo-hit-${crypto.randomUUID()}`;
    await env.KV.put(key, JSON.stringify({ v: 1 }));
    const t = Date.now();
    const { calls, load } = loader({ v: 0 });
    expect(await cachedJson(env.KV, key, 60, load, t)).toEqual({ v: 1 });
    // Written again a second or more later (KV's write limit; the clock is injected).
    await env.TEST_KV_ARRANGE.put(key, JSON.stringify({ v: 2 }));
    expect(await cachedJson(env.KV, key, 60, load, t + 1)).toEqual({ v: 1 });
    expect(await cachedJson(env.KV, key, 60, load, t + ENTRY_MEMO_MS + 1)).toEqual({ v: 2 });
    expect(calls).toHaveLength(0);
  });

  it("never remembers a value it just loaded, so the next read asks KV", async () => {
    const key = `memo-miss-${crypto.randomUUID()}`;
    const t = Date.now();
    const { calls, load } = loader({ v: "loaded" });
    expect(await cachedJson(env.KV, key, 60, load, t)).toEqual({ v: "loaded" });
    expect(calls).toHaveLength(1);
    await env.TEST_KV_ARRANGE.put(key, JSON.stringify({ v: "written elsewhere" }));
    expect(await cachedJson(env.KV, key, 60, load, t + 1)).toEqual({ v: "written elsewhere" });
  });

  it("an invalidated entry is gone from this isolate at once, not after the memo expires", async () => {
    const key = `memo-forget-${crypto.randomUUID()}`;
    await env.TEST_KV_ARRANGE.put(key, JSON.stringify({ v: 1 }));
    const t = Date.now();
    const { load } = loader(null);
    await cachedJson(env.KV, key, 60, load, t);
    await uncache(env.KV, key);
    expect(await cachedJson(env.KV, key, 60, async () => ({ v: 2 }), t + 1)).toEqual({ v: 2 });
  });

  it("keeps remembered entries within its byte budget, dropping the oldest", async () => {
    const [a, b] = [`memo-big-a-${crypto.randomUUID()}`, `memo-big-b-${crypto.randomUUID()}`];
    const big = (v: number) => JSON.stringify({ v, pad: "x".repeat(Math.floor(ENTRY_MEMO_BYTES * 0.6)) });
    await env.KV.put(a, big(1));
    await env.KV.put(b, big(1));
    const t = Date.now();
    const { load } = loader(null);
    await cachedJson(env.KV, a, 60, load, t);
    await cachedJson(env.KV, b, 60, load, t);
    await env.TEST_KV_ARRANGE.put(a, big(2));
    await env.TEST_KV_ARRANGE.put(b, big(2));
    // b is still remembered; a was dropped to make room for it, so KV answers.
    expect(((await cachedJson(env.KV, b, 60, load, t + 1)) as { v: number }).v).toBe(1);
    expect(((await cachedJson(env.KV, a, 60, load, t + 1)) as { v: number }).v).toBe(2);
  });

  it("serves a hit as the very text KV holds, parsing it only when asked", async () => {
    const key = `text-hit-${crypto.randomUUID()}`;
    const stored = '{"b": 1,  "a": [2, 3]}';
    await env.KV.put(key, stored);
    const doc = await cachedJsonText(env.KV, key, 60, loader(null).load);
    expect(doc.text).toBe(stored);
    expect(doc.value).toEqual({ a: [2, 3], b: 1 });
  });

  it("stores a loaded value as the same text it answers with", async () => {
    const key = `text-miss-${crypto.randomUUID()}`;
    const doc = await cachedJsonText(env.KV, key, 60, async () => ({ items: [1, 2], next: null }));
    expect(doc.value).toEqual({ items: [1, 2], next: null });
    expect(await env.KV.get(key)).toBe(doc.text);
    expect(JSON.parse(doc.text)).toEqual(doc.value);
  });
});

describe("the cache is best-effort", () => {
  it("a refused fill (KV's one write a second per key) still answers with the loaded value", async () => {
    const key = `refused-fill-${crypto.randomUUID()}`;
    await env.KV.delete(key);
    // The fill comes within a second of that write: production KV (and the test pool) refuse it.
    const { calls, load } = loader({ v: "fresh" });
    expect(await cachedJson(env.KV, key, 60, load)).toEqual({ v: "fresh" });
    expect(calls).toHaveLength(1);
    expect(await env.KV.get(key)).toBeNull();
  });

  it("a refused delete does not throw", async () => {
    const key = `refused-delete-${crypto.randomUUID()}`;
    await env.KV.put(key, "x");
    await expect(uncache(env.KV, key)).resolves.toBeUndefined();
  });
});

describe("JsonText", () => {
  it("turns text into a value and a value into text, either way round", () => {
    expect(JsonText.fromText<{ a: number }>('{"a":1}').value).toEqual({ a: 1 });
    expect(JsonText.of({ a: "é", n: null }).text).toBe('{"a":"é","n":null}');
    const doc = JsonText.of([1]);
    expect(doc.value).toBe(doc.value);
  });
});
