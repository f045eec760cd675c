import { describe, expect, it } from "vitest";
import { unzip } from "../../test/unzip";
import { crc32, zip, zipStream } from "./zip";

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

  it("streams: an entry's bytes are read only when the reader has taken the entries before it", async () => {
    const read: string[] = [];
    const entry = (name: string) => ({
      name,
      data: async () => {
        read.push(name);
        return `${name} `.repeat(100);
      },
    });
    const reader = zipStream([entry("a.md"), entry("b.md"), entry("c.md")]).getReader();
    const chunks: Uint8Array[] = [];
    const pull = async () => {
      const { value, done } = await reader.read();
      if (!done) chunks.push(value);
      return done;
    };
    // Header, name and body of the first entry: the second is not read yet.
    for (let i = 0; i < 3; i++) await pull();
    expect(read).toEqual(["a.md"]);
    while (!(await pull()));
    expect(read).toEqual(["a.md", "b.md", "c.md"]);
    const files = await unzip(new Uint8Array(await new Blob(chunks).arrayBuffer()));
    expect(new TextDecoder().decode(files.get("c.md"))).toBe("c.md ".repeat(100));
  });
});
