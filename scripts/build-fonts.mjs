// The fonts PDF exports embed (src/lib/pdf-fonts.ts): Noto Sans, Noto Sans Mono, Noto Sans Arabic,
// Noto Sans JP, Noto Sans Hebrew and Noto Sans KR from the @fontsource packages (SIL Open Font License 1.1, which allows embedding). Each
// package ships its font cut into unicode-range files; every WOFF file becomes a plain TrueType file
// under public/assets/fonts/, and manifest.json says which code points each file covers, so an
// export loads only the few files its characters need. They are static assets the Worker reads
// through its ASSETS binding: they cost the Worker bundle nothing, and a PDF embeds only a subset of
// the glyphs it uses.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

/** Fallback order: the face's own files first, then these scripts (src/lib/pdf-fonts.ts). */
const FAMILIES = {
  regular: { pkg: "noto-sans", css: "400.css" },
  bold: { pkg: "noto-sans", css: "700.css" },
  mono: { pkg: "noto-sans-mono", css: "400.css" },
  fallback: [
    { pkg: "noto-sans-arabic", css: "400.css", only: /-arabic-400/ },
    // The numbered files are the CJK ideographs and kana; the named ones repeat Noto Sans's Latin.
    { pkg: "noto-sans-jp", css: "400.css", only: /-jp-\d+-400/ },
    { pkg: "noto-sans-hebrew", css: "400.css", only: /-hebrew-hebrew-400/ },
    // Hangul (its ideographs are already served by Noto Sans JP, earlier in the chain).
    { pkg: "noto-sans-kr", css: "400.css", only: /-kr-\d+-400/ },
  ],
};

/** A WOFF 1.0 file's sfnt: the same tables, each inflated, behind a plain table directory. */
function woffToTtf(woff) {
  const dv = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (dv.getUint32(0) !== 0x774f4646) throw new Error("not a WOFF file");
  const n = dv.getUint16(12);
  const tables = [];
  for (let i = 0; i < n; i++) {
    const at = 44 + i * 20;
    const offset = dv.getUint32(at + 4);
    const compLength = dv.getUint32(at + 8);
    const origLength = dv.getUint32(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({
      tag: woff.subarray(at, at + 4),
      checksum: dv.getUint32(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    });
  }
  const size = 12 + 16 * n + tables.reduce((s, t) => s + ((t.data.length + 3) & ~3), 0);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(dv.getUint32(4), 0);
  const pow = 2 ** Math.floor(Math.log2(n));
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(pow * 16, 6);
  out.writeUInt16BE(Math.log2(pow), 8);
  out.writeUInt16BE(n * 16 - pow * 16, 10);
  let offset = 12 + 16 * n;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    out.set(t.tag, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.data.length, rec + 12);
    out.set(t.data, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

/** "U+0000-00FF,U+0131" as [[0, 255], [305, 305]]. */
const parseRanges = (s) =>
  s.split(",").map((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, "").split("-");
    return [Number.parseInt(a, 16), Number.parseInt(b ?? a, 16)];
  });

function family({ pkg, css, only }, out, written) {
  const dir = join("node_modules", "@fontsource", pkg);
  if (!existsSync(join(dir, css)))
    throw new Error(`${dir} is missing: run \`npm ci\` (the PDF fonts come from the @fontsource packages)`);
  const text = readFileSync(join(dir, css), "utf8");
  const entries = [];
  for (const face of text.split("@font-face").slice(1)) {
    const url = /url\(\.\/files\/([^)]+\.woff)\)/.exec(face)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
    if (!url || !range || (only && !only.test(url))) continue;
    const file = url.replace(/\.woff$/, ".ttf");
    if (!written.has(file)) {
      writeFileSync(join(out, file), woffToTtf(readFileSync(join(dir, "files", url))));
      written.add(file);
    }
    entries.push({ file, ranges: parseRanges(range) });
  }
  if (!entries.length) throw new Error(`no font files found in ${dir}/${css}`);
  return entries;
}

export function buildFonts(assetsDir) {
  const out = join(assetsDir, "fonts");
  mkdirSync(out, { recursive: true });
  const written = new Set();
  const manifest = {
    regular: family(FAMILIES.regular, out, written),
    bold: family(FAMILIES.bold, out, written),
    mono: family(FAMILIES.mono, out, written),
    fallback: FAMILIES.fallback.flatMap((f) => family(f, out, written)),
  };
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest));
  return written.size;
}
