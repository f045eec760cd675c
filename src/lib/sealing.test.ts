import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Problem } from "./problem";
import { keySource, openBytes, openText, sealBytes, sealedKeyId, sealText } from "./sealing";

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
});
