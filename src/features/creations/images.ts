/**
 * Image checks by content, not by what the client claims: the type comes from the magic bytes and
 * the pixel size from the format's own header, read without decoding the image.
 */

export type ImageType = "image/png" | "image/jpeg" | "image/webp" | "image/gif";

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Caps memory for anyone who later decodes it (thumbnails, browsers): 8K on a side, 40 MP total. */
export const MAX_IMAGE_SIDE = 8192;
export const MAX_IMAGE_PIXELS = 40_000_000;

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

function jpegSize(b: Uint8Array, v: DataView): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const len = v.getUint16(i + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: v.getUint16(i + 5), width: v.getUint16(i + 7) };
    }
    i += 2 + len;
  }
  return undefined;
}

function webpSize(b: Uint8Array, v: DataView): { width: number; height: number } | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X" && b.length >= 30) {
    const w = b[24]! | (b[25]! << 8) | (b[26]! << 16);
    const h = b[27]! | (b[28]! << 8) | (b[29]! << 16);
    return { width: w + 1, height: h + 1 };
  }
  if (chunk === "VP8L" && b.length >= 25 && b[20] === 0x2f) {
    const bits = v.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 " && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  }
  return undefined;
}

/** The image's real type and size, or undefined when the bytes are not a supported image. */
export function inspectImage(bytes: Uint8Array): ImageInfo | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  let found: ImageInfo | undefined;
  if (has(24) && bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG" && ascii(bytes, 12, 4) === "IHDR") {
    found = { type: "image/png", width: v.getUint32(16), height: v.getUint32(20) };
  } else if (has(10) && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) {
    found = { type: "image/gif", width: v.getUint16(6, true), height: v.getUint16(8, true) };
  } else if (has(16) && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") {
    const size = webpSize(bytes, v);
    if (size) found = { type: "image/webp", ...size };
  } else if (has(4) && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes, v);
    if (size) found = { type: "image/jpeg", ...size };
  }
  return found && found.width > 0 && found.height > 0 ? found : undefined;
}
