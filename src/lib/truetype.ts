/**
 * Just enough of TrueType (glyf-outline fonts) for the PDF writer: look a character's glyph up in
 * the cmap, read its advance width, and cut a subset holding only the glyphs a document uses, so an
 * exported PDF embeds a few kilobytes of font instead of the whole file. The subset renumbers the
 * glyphs densely (0 stays .notdef; composite glyphs bring their components along) and keeps only the
 * tables a PDF reader needs to draw them; characters are mapped by the PDF's own encoding, so no cmap.
 */

const tag = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

export interface TrueTypeFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  numGlyphs: number;
  /** The glyph of a code point, 0 (.notdef) when the font has none. */
  glyph(cp: number): number;
  /** Advance width in font units. */
  advance(gid: number): number;
  /** Whether the glyph draws anything (a space or a missing glyph has no outline). */
  hasOutline(gid: number): boolean;
  /** A font file with only these glyphs, numbered 1, 2, … in the order given (0 is .notdef; the
   * components of composite glyphs follow them). */
  subset(gids: Iterable<number>): { bytes: Uint8Array; newGid: Map<number, number> };
}

export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0, n = dv.getUint16(4); i < n; i++) {
    const at = 12 + i * 16;
    tables.set(tag(bytes, at), { offset: dv.getUint32(at + 8), length: dv.getUint32(at + 12) });
  }
  const table = (name: string) => {
    const t = tables.get(name);
    if (!t) throw new Error(`font has no ${name} table`);
    return t;
  };
  for (const required of ["head", "hhea", "maxp", "hmtx", "loca", "glyf"]) table(required);
  const head = table("head").offset;
  const hhea = table("hhea").offset;
  const unitsPerEm = dv.getUint16(head + 18);
  const longLoca = dv.getInt16(head + 50) === 1;
  const numGlyphs = dv.getUint16(table("maxp").offset + 4);
  const numberOfHMetrics = dv.getUint16(hhea + 34);
  const hmtx = table("hmtx").offset;
  const loca = table("loca").offset;
  const glyf = table("glyf").offset;
  const os2 = tables.get("OS/2");
  const ascent = dv.getInt16(hhea + 4);
  const descent = dv.getInt16(hhea + 6);
  const capHeight = os2 && dv.getUint16(os2.offset) >= 2 ? dv.getInt16(os2.offset + 88) : ascent;

  const advance = (gid: number) => dv.getUint16(hmtx + 4 * Math.min(gid, numberOfHMetrics - 1));
  const lsb = (gid: number) =>
    gid < numberOfHMetrics
      ? dv.getInt16(hmtx + 4 * gid + 2)
      : dv.getInt16(hmtx + 4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics));
  const glyphRange = (gid: number): [number, number] =>
    longLoca
      ? [dv.getUint32(loca + 4 * gid), dv.getUint32(loca + 4 * gid + 4)]
      : [dv.getUint16(loca + 2 * gid) * 2, dv.getUint16(loca + 2 * gid + 2) * 2];

  // A subset this module wrote has no cmap (the PDF maps its codes): no character maps to a glyph.
  const cmap = tables.get("cmap");
  const glyph = cmap ? cmapLookup(dv, cmap.offset) : () => 0;

  /** Component glyph ids of a composite glyph, with the byte offsets where they are written. */
  function components(start: number, end: number): { gid: number; at: number }[] {
    if (end <= start || dv.getInt16(start) >= 0) return [];
    const out: { gid: number; at: number }[] = [];
    let p = start + 10;
    for (;;) {
      const flags = dv.getUint16(p);
      out.push({ gid: dv.getUint16(p + 2), at: p + 2 - start });
      p += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
      if (!(flags & 0x20)) return out;
    }
  }

  function subset(gids: Iterable<number>) {
    // The glyphs asked for keep their order (1, 2, …: the PDF writer numbers them as it uses them);
    // components of composite glyphs come after them.
    const keep = [0];
    const newGid = new Map<number, number>([[0, 0]]);
    const add = (gid: number) => {
      if (newGid.has(gid) || gid >= numGlyphs) return;
      newGid.set(gid, keep.length);
      keep.push(gid);
    };
    for (const g of gids) add(g);
    for (let i = 0; i < keep.length; i++) {
      const [s, e] = glyphRange(keep[i]!);
      for (const c of components(glyf + s, glyf + e)) add(c.gid);
    }

    const glyphs: Uint8Array[] = [];
    const offsets: number[] = [0];
    for (const gid of keep) {
      const [s, e] = glyphRange(gid);
      const data = bytes.slice(glyf + s, glyf + e);
      const view = new DataView(data.buffer);
      for (const c of components(glyf + s, glyf + e)) view.setUint16(c.at, newGid.get(c.gid) ?? 0);
      const padded = new Uint8Array((data.length + 3) & ~3);
      padded.set(data);
      glyphs.push(padded);
      offsets.push(offsets[offsets.length - 1]! + padded.length);
    }
    const n = keep.length;
    const copy = (name: string) => {
      const t = table(name);
      return bytes.slice(t.offset, t.offset + t.length);
    };
    const newHead = copy("head");
    new DataView(newHead.buffer).setUint32(8, 0);
    new DataView(newHead.buffer).setInt16(50, 1);
    const newHhea = copy("hhea");
    new DataView(newHhea.buffer).setUint16(34, n);
    const newMaxp = copy("maxp");
    new DataView(newMaxp.buffer).setUint16(4, n);
    const newHmtx = new Uint8Array(4 * n);
    const newLoca = new Uint8Array(4 * (n + 1));
    keep.forEach((gid, i) => {
      new DataView(newHmtx.buffer).setUint16(4 * i, advance(gid));
      new DataView(newHmtx.buffer).setInt16(4 * i + 2, lsb(gid));
    });
    const loca32 = new DataView(newLoca.buffer);
    offsets.forEach((o, i) => {
      loca32.setUint32(4 * i, o);
    });
    const newGlyf = new Uint8Array(offsets[n]!);
    glyphs.reduce((at, g) => (newGlyf.set(g, at), at + g.length), 0);
    // post format 3: no glyph names (the PDF never needs them).
    const post = new Uint8Array(32);
    if (tables.has("post")) post.set(copy("post").subarray(0, 32));
    new DataView(post.buffer).setUint32(0, 0x00030000);
    const out: [string, Uint8Array][] = [
      ["glyf", newGlyf],
      ["head", newHead],
      ["hhea", newHhea],
      ["hmtx", newHmtx],
      ["loca", newLoca],
      ["maxp", newMaxp],
      ["post", post],
    ];
    if (os2) out.splice(0, 0, ["OS/2", copy("OS/2")]);
    return { bytes: writeSfnt(out), newGid };
  }

  return {
    unitsPerEm,
    ascent,
    descent,
    capHeight,
    bbox: [dv.getInt16(head + 36), dv.getInt16(head + 38), dv.getInt16(head + 40), dv.getInt16(head + 42)],
    numGlyphs,
    glyph,
    advance,
    hasOutline: (gid) => {
      if (gid >= numGlyphs) return false;
      const [s, e] = glyphRange(gid);
      return e > s;
    },
    subset,
  };
}

/** The best Unicode cmap subtable: format 12 (all planes) if present, else format 4 (BMP). */
function cmapLookup(dv: DataView, cmap: number): (cp: number) => number {
  let f4 = -1;
  let f12 = -1;
  for (let i = 0, n = dv.getUint16(cmap + 2); i < n; i++) {
    const platform = dv.getUint16(cmap + 4 + i * 8);
    const encoding = dv.getUint16(cmap + 6 + i * 8);
    const at = cmap + dv.getUint32(cmap + 8 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = dv.getUint16(at);
    if (format === 12) f12 = at;
    else if (format === 4 && f4 < 0) f4 = at;
  }
  if (f12 >= 0) {
    const groups = dv.getUint32(f12 + 12);
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = f12 + 16 + mid * 12;
        if (cp < dv.getUint32(g)) hi = mid - 1;
        else if (cp > dv.getUint32(g + 4)) lo = mid + 1;
        else return dv.getUint32(g + 8) + cp - dv.getUint32(g);
      }
      return 0;
    };
  }
  if (f4 < 0) return () => 0;
  const segX2 = dv.getUint16(f4 + 6);
  const ends = f4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segX2 / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp > dv.getUint16(ends + 2 * mid)) lo = mid + 1;
      else if (cp < dv.getUint16(starts + 2 * mid)) hi = mid - 1;
      else {
        const delta = dv.getUint16(deltas + 2 * mid);
        const ro = dv.getUint16(rangeOffsets + 2 * mid);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = dv.getUint16(rangeOffsets + 2 * mid + ro + 2 * (cp - dv.getUint16(starts + 2 * mid)));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
    }
    return 0;
  };
}

const checksum = (b: Uint8Array) => {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let sum = 0;
  for (let i = 0; i + 4 <= b.length; i += 4) sum = (sum + dv.getUint32(i)) >>> 0;
  return sum;
};

/** An sfnt file from its tables (sorted by tag, each 4-byte aligned, checksums and head's adjustment). */
function writeSfnt(tables: [string, Uint8Array][]): Uint8Array {
  tables.sort(([a], [b]) => (a < b ? -1 : 1));
  const padded = tables.map(([, t]) => {
    const p = new Uint8Array((t.length + 3) & ~3);
    p.set(t);
    return p;
  });
  const dirSize = 12 + 16 * tables.length;
  const out = new Uint8Array(dirSize + padded.reduce((n, t) => n + t.length, 0));
  const dv = new DataView(out.buffer);
  const n = tables.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  dv.setUint32(0, 0x00010000);
  dv.setUint16(4, n);
  dv.setUint16(6, pow * 16);
  dv.setUint16(8, Math.log2(pow));
  dv.setUint16(10, n * 16 - pow * 16);
  let at = dirSize;
  let headAt = -1;
  tables.forEach(([name, t], i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = name.charCodeAt(k);
    dv.setUint32(rec + 4, checksum(padded[i]!));
    dv.setUint32(rec + 8, at);
    dv.setUint32(rec + 12, t.length);
    out.set(padded[i]!, at);
    if (name === "head") headAt = at;
    at += padded[i]!.length;
  });
  if (headAt >= 0) dv.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
