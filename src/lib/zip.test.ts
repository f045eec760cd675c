import { describe, expect, it } from "vitest";
import { unzip } from "../../test/unzip";
import { crc32, zip } from "./zip";

describe("zip", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("round-trips compressible and incompressible files with UTF-8 names", async () => {
    const random = crypto.getRandomValues(new Uint8Array(1000));
    const text = "Persona: Émilie ".repeat(200);
    const files = await unzip(
      await zip([
        { name: "docs/prd.md", data: text },
        { name: "noise.bin", data: random },
        { name: "ünïcode.json", data: "{}" },
      ]),
    );
    expect([...files.keys()]).toEqual(["docs/prd.md", "noise.bin", "ünïcode.json"]);
    expect(new TextDecoder().decode(files.get("docs/prd.md"))).toBe(text);
    expect(files.get("noise.bin")).toEqual(random);
  });
});
