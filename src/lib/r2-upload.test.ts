import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PART_BYTES, putStream } from "./r2-upload";

const digest = async (b: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", b))].join(",");

describe("putStream", () => {
  it("uploads a stream of unknown length in equal parts, and R2 holds exactly its bytes", async () => {
    // Two and a half parts, in pieces that do not line up with the parts.
    const bytes = new Uint8Array(PART_BYTES * 2.5);
    for (let i = 0; i < bytes.length; i += 997) bytes[i] = i & 0xff;
    const piece = 1_000_003;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < bytes.length; at += piece) c.enqueue(bytes.subarray(at, at + piece));
        c.close();
      },
    });
    const key = `tests/upload-${crypto.randomUUID()}`;
    expect(await putStream(env.MEDIA, key, body, { customMetadata: { keyId: "t1" } })).toBe(bytes.length);
    const stored = await env.MEDIA.get(key);
    expect(stored?.customMetadata).toEqual({ keyId: "t1" });
    const back = await stored!.arrayBuffer();
    expect(back.byteLength).toBe(bytes.length);
    expect(await digest(back)).toBe(await digest(bytes));
  });

  it("leaves nothing behind when the stream fails", async () => {
    const key = `tests/upload-${crypto.randomUUID()}`;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.error(new Error("source failed"));
      },
    });
    await expect(putStream(env.MEDIA, key, body)).rejects.toThrow("source failed");
    expect(await env.MEDIA.head(key)).toBeNull();
  });
});
