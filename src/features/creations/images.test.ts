import { describe, expect, it } from "vitest";
import { png } from "../../../test/helpers";
import { inspectImage } from "./images";

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("inspectImage", () => {
  it("reads PNG size from IHDR", () => {
    expect(inspectImage(png(640, 480))).toEqual({ type: "image/png", width: 640, height: 480 });
  });

  it("reads GIF size", () => {
    expect(inspectImage(bytes("GIF89a", [0x20, 0x01, 0x10, 0x00], [0, 0, 0]))).toEqual({
      type: "image/gif",
      width: 288,
      height: 16,
    });
  });

  it("reads JPEG size from the SOF marker after other segments", () => {
    const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
    const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0, 0, 0, 0, 0, 0, 0];
    expect(inspectImage(bytes([0xff, 0xd8], app0, sof0))).toEqual({
      type: "image/jpeg",
      width: 640,
      height: 480,
    });
  });

  it("reads the three WebP flavours", () => {
    const riff = (chunk: string, body: number[]) =>
      bytes("RIFF", [0, 0, 0, 0], "WEBP", chunk, [0, 0, 0, 0], body);
    // VP8X: 24-bit width-1 and height-1 after 4 flag bytes.
    expect(inspectImage(riff("VP8X", [0, 0, 0, 0, 0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00]))).toEqual({
      type: "image/webp",
      width: 640,
      height: 480,
    });
    // VP8L: signature 0x2f, then 14 bits each of width-1 and height-1.
    const w = 639,
      h = 479,
      bits = w | (h << 14);
    expect(
      inspectImage(
        riff("VP8L", [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]),
      ),
    ).toEqual({ type: "image/webp", width: 640, height: 480 });
    // VP8 (lossy): frame tag, start code 9d 01 2a, then 14-bit sizes.
    expect(inspectImage(riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]))).toEqual({
      type: "image/webp",
      width: 640,
      height: 480,
    });
  });

  it("rejects everything else, including truncated headers and zero sizes", () => {
    expect(inspectImage(bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeUndefined();
    expect(inspectImage(bytes([0x89], "PNG"))).toBeUndefined();
    expect(inspectImage(png(0, 10))).toBeUndefined();
    expect(inspectImage(bytes([0xff, 0xd8, 0xff, 0x00]))).toBeUndefined();
    expect(inspectImage(new Uint8Array())).toBeUndefined();
  });
});
