/**
 * The fonts of a PDF export: Noto Sans (regular, bold), Noto Sans Mono, and Noto Sans Arabic and
 * Noto Sans JP as fallbacks for the characters the Latin faces lack, built into public/assets/fonts
 * by scripts/build-fonts.mjs. A document loads only the files its characters need; each font used
 * is embedded as a subset of the glyphs drawn (Type0/CIDFontType2, Identity-H), with a ToUnicode
 * map so text copied or searched in the PDF is the original text. Bold text that only a fallback
 * can show is drawn in that font with a stroked outline (the fallbacks ship one weight).
 */
import { ARABIC_SOURCE, shapeArabic, visualOrder } from "./arabic";
import { parseTrueType, type TrueTypeFont } from "./truetype";

export type Face = "regular" | "bold" | "mono";
/** Reads a file of public/assets/fonts (manifest.json or a .ttf); undefined when there is none. */
export type FontSource = (file: string) => Promise<Uint8Array | undefined>;

interface Entry {
  file: string;
  ranges: [number, number][];
}
type Manifest = Record<Face | "fallback", Entry[]>;

/** A font a document draws with: which glyphs it used, numbered in order of first use. */
export interface UsedFont {
  resource: string;
  file: string;
  font: TrueTypeFont;
  /** Original glyph id → the code the content stream writes (1, 2, …). */
  codes: Map<number, number>;
  /** Code → the text it stands for (ToUnicode). */
  text: string[];
}

export interface Run {
  font: UsedFont;
  /** Bold asked of a font with one weight: the writer strokes the outline. */
  fakeBold: boolean;
  /** Hex of the two-byte codes, for a `<…> Tj`. */
  hex: string;
}

interface Glyph {
  entry: string;
  gid: number;
  /** Advance in 1/1000 em. */
  width: number;
  fakeBold: boolean;
  cp: number;
  /** Once drawn: the font it is drawn from and its code there, as hex. */
  drawn?: { font: UsedFont; hex: string };
}

interface SourceCache {
  manifest?: Promise<Manifest>;
  fonts: Map<string, Promise<TrueTypeFont | undefined>>;
  /** Face and code point → the file that shows it (null: none); the CJK ranges are long to scan. */
  located: Map<string, string | null>;
}
const caches = new WeakMap<FontSource, SourceCache>();

/** Parsed files are kept per source (one per isolate): fonts never change within a deployment. */
function cacheOf(source: FontSource): SourceCache {
  let c = caches.get(source);
  if (!c) caches.set(source, (c = { fonts: new Map(), located: new Map() }));
  return c;
}

async function manifestOf(source: FontSource): Promise<Manifest> {
  const cache = cacheOf(source);
  cache.manifest ??= source("manifest.json").then((b) => {
    if (!b) throw new Error("PDF fonts are missing: run `npm run build` (public/assets/fonts)");
    return JSON.parse(new TextDecoder().decode(b)) as Manifest;
  });
  return cache.manifest.catch((e) => {
    cache.manifest = undefined;
    throw e;
  });
}

function loadFont(source: FontSource, file: string) {
  const cache = cacheOf(source);
  let p = cache.fonts.get(file);
  if (!p) {
    p = source(file).then((b) => (b ? parseTrueType(b) : undefined));
    cache.fonts.set(file, p);
  }
  return p;
}

const assetSources = new WeakMap<Fetcher, FontSource>();

/** The font files of the Worker's static assets (public/assets/fonts), one source per binding. */
export function assetFonts(assets: Fetcher): FontSource {
  let source = assetSources.get(assets);
  if (!source) {
    source = async (file) => {
      const res = await assets.fetch(`https://assets.invalid/assets/fonts/${encodeURIComponent(file)}`);
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
    };
    assetSources.set(assets, source);
  }
  return source;
}

const covers = (e: Entry, cp: number) => e.ranges.some(([a, b]) => cp >= a && cp <= b);

/** Faces in fallback order: the face's own files, then (for bold and mono) the regular ones, then the other scripts. */
function chain(m: Manifest, face: Face): { entry: Entry; fakeBold: boolean }[] {
  const own = m[face].map((entry) => ({ entry, fakeBold: false }));
  const rest = [...(face === "regular" ? [] : m.regular), ...m.fallback].map((entry) => ({
    entry,
    fakeBold: face === "bold",
  }));
  return [...own, ...rest];
}

const REPLACEMENT = 0x3f; // "?" where no font has the character

/** Characters as they are drawn: tabs and control characters as spaces, Arabic in its joined forms. */
const prepare = (s: string) =>
  shapeArabic(/[\u0000-\u001f\u007f]/.test(s) ? s.replace(/[\u0000-\u001f\u007f]/g, " ") : s);

export class FontBook {
  private readonly glyphs: Record<Face, Map<number, Glyph>> = {
    regular: new Map(),
    bold: new Map(),
    mono: new Map(),
  };
  private readonly used = new Map<string, UsedFont>();
  private readonly chains: Record<Face, { entry: Entry; fakeBold: boolean }[]>;

  private constructor(
    private readonly manifest: Manifest,
    private readonly fonts: Map<string, TrueTypeFont>,
  ) {
    this.chains = {
      regular: chain(manifest, "regular"),
      bold: chain(manifest, "bold"),
      mono: chain(manifest, "mono"),
    };
  }

  /** Loads the files that the characters of these texts need, in each face. */
  static async load(texts: string[], source: FontSource): Promise<FontBook> {
    const manifest = await manifestOf(source);
    const cps = new Set<number>([REPLACEMENT, 0x20]);
    for (const t of texts) for (const ch of prepare(t)) cps.add(ch.codePointAt(0)!);
    const { located } = cacheOf(source);
    const files = new Set<string>();
    for (const face of ["regular", "bold", "mono"] as const) {
      let faceChain: ReturnType<typeof chain> | undefined;
      for (const cp of cps) {
        const key = `${face}:${cp}`;
        let file = located.get(key);
        if (file === undefined) {
          faceChain ??= chain(manifest, face);
          file = faceChain.find((c) => covers(c.entry, cp))?.entry.file ?? null;
          located.set(key, file);
        }
        if (file) files.add(file);
      }
    }
    const fonts = new Map<string, TrueTypeFont>();
    await Promise.all(
      [...files].map(async (file) => {
        const font = await loadFont(source, file);
        if (font) fonts.set(file, font);
      }),
    );
    return new FontBook(manifest, fonts);
  }

  private glyph(cp: number, face: Face): Glyph {
    let g = this.glyphs[face].get(cp);
    if (g) return g;
    for (const { entry, fakeBold } of this.chains[face]) {
      const font = this.fonts.get(entry.file);
      if (!font || !covers(entry, cp)) continue;
      const gid = font.glyph(cp);
      if (!gid) continue;
      g = { entry: entry.file, gid, width: (font.advance(gid) * 1000) / font.unitsPerEm, fakeBold, cp };
      break;
    }
    g ??= cp === REPLACEMENT ? this.fallbackNotdef(face) : { ...this.glyph(REPLACEMENT, face) };
    this.glyphs[face].set(cp, g);
    return g;
  }

  /** Not even "?" is there (the fonts failed to load): .notdef of any font, so the writer still works. */
  private fallbackNotdef(face: Face): Glyph {
    const file = this.manifest[face][0]?.file ?? this.manifest.regular[0]!.file;
    const font = this.fonts.get(file) ?? [...this.fonts.values()][0];
    if (!font) throw new Error("no PDF font could be loaded");
    return { entry: file, gid: 0, width: (font.advance(0) * 1000) / font.unitsPerEm, fakeBold: false, cp: 0 };
  }

  /** Width of a text in 1/1000 of the font size. */
  width(text: string, face: Face): number {
    // The layout measures every word and line: one pass over the characters, without prepare()'s
    // regular expressions unless the text has Arabic to shape.
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0x0600 && cp <= 0x06ff) return this.shapedWidth(text, face);
      if (cp >= 0xd800 && cp <= 0xdbff) cp = text.codePointAt(i++)!;
      else if (cp < 0x20 || cp === 0x7f) cp = 0x20;
      w += this.glyph(cp, face).width;
    }
    return w;
  }

  private shapedWidth(text: string, face: Face): number {
    let w = 0;
    for (const ch of prepare(text)) w += this.glyph(ch.codePointAt(0)!, face).width;
    return w;
  }

  /** The text as runs of one font each, in drawing order (right-to-left runs reversed). */
  runs(text: string, face: Face): Run[] {
    const runs: Run[] = [];
    const s = visualOrder(prepare(text));
    for (let i = 0; i < s.length; i++) {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      const g = this.glyph(cp, face);
      g.drawn ??= this.draw(g, cp);
      const { font, hex } = g.drawn;
      const last = runs[runs.length - 1];
      if (last && last.font === font && last.fakeBold === g.fakeBold) last.hex += hex;
      else runs.push({ font, fakeBold: g.fakeBold, hex });
    }
    return runs;
  }

  /** The code a glyph is drawn with, given on first use, and the text it stands for. */
  private draw(g: Glyph, cp: number): { font: UsedFont; hex: string } {
    const font = this.use(g.entry);
    let code = font.codes.get(g.gid);
    if (code === undefined) {
      code = font.codes.size + 1;
      font.codes.set(g.gid, code);
      font.text[code] = g.cp === cp ? (ARABIC_SOURCE.get(cp) ?? String.fromCodePoint(cp)) : "?";
    }
    return { font, hex: code.toString(16).padStart(4, "0") };
  }

  private use(file: string): UsedFont {
    let u = this.used.get(file);
    if (!u) {
      u = {
        resource: `F${this.used.size + 1}`,
        file,
        font: this.fonts.get(file)!,
        codes: new Map(),
        text: [],
      };
      this.used.set(file, u);
    }
    return u;
  }

  /** The fonts drawn with, in resource order. */
  usedFonts(): UsedFont[] {
    return [...this.used.values()];
  }
}

/** UTF-16BE hex of a text, as PDF text strings and ToUnicode maps write it. */
export const utf16Hex = (s: string) => {
  let out = "";
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, "0");
  return out;
};

/** A ToUnicode CMap: code → the text it stands for, in blocks of at most 100 (the format's limit). */
export function toUnicodeCMap(u: UsedFont): string {
  const pairs = u.text.flatMap((t, code) =>
    t === undefined ? [] : [`<${code.toString(16).padStart(4, "0")}> <${utf16Hex(t)}>`],
  );
  const blocks: string[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const part = pairs.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

/** A PostScript name for the subset: six letters from its glyphs (PDF's subset tag), then the file's. */
export function subsetName(u: UsedFont): string {
  let h = 2166136261;
  for (const s of [u.file, ...u.codes.keys()]) {
    for (const c of String(s)) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  let tagLetters = "";
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tagLetters += String.fromCharCode(65 + (h % 26));
  const base = u.file.replace(/\.ttf$/, "").replace(/[^A-Za-z0-9-]/g, "");
  return `${tagLetters}+${base}`;
}
