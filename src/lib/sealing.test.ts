import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Problem } from "./problem";
import {
  keySource,
  openBytes,
  openStream,
  openText,
  SEGMENT_BYTES,
  sealBytes,
  sealedKeyId,
  sealStream,
  sealText,
} from "./sealing";

/** Sends `parts` through a stream transform and collects what comes out. */
async function through(t: TransformStream<Uint8Array, Uint8Array>, parts: Uint8Array[]) {
  const source = new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
  return new Uint8Array(await new Response(source.pipeThrough(t)).arrayBuffer());
}

const OLD = env.DATA_KEYS!;
const NEW = "t2:63RQD3UDdrmKQcIlhMcQoVzoa4+qYxG5Z+9qhinzQhI=";
const withKeys = (keys: string | undefined) => vi.spyOn(keySource, "read").mockReturnValue(keys);

afterEach(() => vi.restoreAllMocks());

describe("sealing user content", () => {
  it("stores text and bytes so that no plaintext shows, and opens them again", async () => {
    const sealed = await sealText(env, "my secret product idea", "chat:c1");
    expect(sealed).toMatch(/^e1\.t1\.[\w-]+$/);
    expect(sealed).not.toContain("secret");
    expect(await openText(env, sealed, "chat:c1")).toBe("my secret product idea");

    const plain = new TextEncoder().encode("# PRD\n\nconfidential body");
    const { bytes, keyId } = await sealBytes(env, plain, "artifacts/u/a/v1");
    expect(keyId).toBe("t1");
    expect(new TextDecoder().decode(bytes)).not.toContain("confidential");
    expect(new TextDecoder().decode(await openBytes(env, bytes, "artifacts/u/a/v1"))).toBe(
      "# PRD\n\nconfidential body",
    );
  });

  it("never seals the same text to the same bytes twice", async () => {
    expect(await sealText(env, "same", "x")).not.toBe(await sealText(env, "same", "x"));
  });

  it("does not open a value copied to another place, tampered with, or not sealed at all", async () => {
    const sealed = await sealText(env, "alice's message", "chat:alice-conversation");
    await expect(openText(env, sealed, "chat:bob-conversation")).rejects.toThrow();
    const at = sealed.length - 10;
    const flipped = sealed.slice(0, at) + (sealed[at] === "A" ? "B" : "A") + sealed.slice(at + 1);
    await expect(openText(env, flipped, "chat:alice-conversation")).rejects.toThrow();
    await expect(openText(env, "plain text", "chat:alice-conversation")).rejects.toThrow(
      /not a sealed envelope/,
    );
    await expect(openBytes(env, new TextEncoder().encode("# plain"), "k")).rejects.toThrow(
      /not a sealed envelope/,
    );
  });

  it("seals under the newest key and still opens what older keys sealed", async () => {
    const before = await sealText(env, "written last year", "ctx");
    withKeys(`${NEW},${OLD}`);
    const after = await sealText(env, "written today", "ctx");
    expect(sealedKeyId(after)).toBe("t2");
    expect(sealedKeyId(before)).toBe("t1");
    expect(await openText(env, before, "ctx")).toBe("written last year");
    withKeys(NEW);
    await expect(openText(env, before, "ctx")).rejects.toThrow(/key t1/);
  });

  it("answers 503 without DATA_KEYS or with a malformed one, naming no key material", async () => {
    for (const keys of [
      undefined,
      "",
      "t1",
      "t1:c2hvcnQ=",
      `bad id!:${OLD.split(":")[1]}`,
      `${OLD},${OLD}`,
    ]) {
      withKeys(keys);
      const err = await sealText(env, "x", "ctx").catch((e) => e);
      expect(err, String(keys)).toBeInstanceOf(Problem);
      expect((err as Problem).status).toBe(503);
      expect((err as Problem).detail).not.toContain(OLD.split(":")[1]);
    }
  });

  it("seals a stream in segments that open only in order, complete, and in their place", async () => {
    // Two and a half segments, arriving in odd-sized pieces.
    const plain = crypto.getRandomValues(new Uint8Array(SEGMENT_BYTES / 16)).map((_, i) => i % 251);
    const big = new Uint8Array(SEGMENT_BYTES * 2.5);
    for (let at = 0; at < big.length; at += plain.length) big.set(plain.subarray(0, big.length - at), at);
    const pieces = [
      big.subarray(0, 1000),
      big.subarray(1000, SEGMENT_BYTES + 7),
      big.subarray(SEGMENT_BYTES + 7),
    ];
    const { keyId, stream } = await sealStream(env, "exports/u/1.zip");
    expect(keyId).toBe("t1");
    const sealed = await through(stream, pieces);
    expect(new TextDecoder().decode(sealed.subarray(0, 4))).toBe("UXS1");
    // Reopened from small pieces too.
    const pieced = Array.from({ length: Math.ceil(sealed.length / 65_536) }, (_, i) =>
      sealed.subarray(i * 65_536, (i + 1) * 65_536),
    );
    // Compared by digest: a deep equality over megabytes takes the test's whole time budget.
    const digest = async (b: Uint8Array) =>
      [...new Uint8Array(await crypto.subtle.digest("SHA-256", b))].join(",");
    const opened = await through(openStream(env, "exports/u/1.zip"), pieced);
    expect(opened.byteLength).toBe(big.byteLength);
    expect(await digest(opened)).toBe(await digest(big));
    await expect(through(openStream(env, "exports/u/2.zip"), [sealed])).rejects.toThrow();
    // Cut after the first segment (its head is 1 + 4 + 12 bytes after the 7-byte header "UXS1" 2 "t1").
    const firstEnd = 7 + 17 + SEGMENT_BYTES + 16;
    await expect(
      through(openStream(env, "exports/u/1.zip"), [sealed.subarray(0, firstEnd)]),
    ).rejects.toThrow();
    const flipped = sealed.slice();
    flipped[firstEnd + 40]! ^= 1;
    await expect(through(openStream(env, "exports/u/1.zip"), [flipped])).rejects.toThrow();
  });
});
