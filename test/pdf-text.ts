/**
 * A test-only PDF reader for the files src/lib/pdf.ts writes: follows the cross-reference table,
 * inflates the streams, and reads each page's text back the way a viewer's copy does, through the
 * fonts' ToUnicode maps. It also opens each embedded font subset and reports characters whose glyph
 * draws nothing (a dropped character shows as blank or .notdef in a viewer).
 */
import { parseTrueType, type TrueTypeFont } from "../src/lib/truetype";

export interface PdfLine {
  page: number;
  x: number;
  y: number;
  size: number;
  text: string;
  /** What each glyph stands for, in drawing order (a ligature stands for two letters). */
  glyphs: string[];
  /** Drawn width in points, from the embedded fonts' advances. */
  width: number;
}

export interface PdfRead {
  lines: PdfLine[];
  /** All text, a line per text object, pages in order. */
  text: string;
  pageCount: number;
  /** Characters drawn with an empty glyph (spaces excepted). */
  blank: string[];
  /** BaseFont names of the fonts, with their subset tags. */
  fonts: string[];
  /** Fonts that are not embedded (a viewer substitutes them). */
  unembedded: string[];
}

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(s).arrayBuffer());
}

export async function readPdf(bytes: Uint8Array): Promise<PdfRead> {
  const raw = latin1(bytes);
  if (!raw.startsWith("%PDF-")) throw new Error("not a PDF");
  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(raw)?.[1]);
  if (raw.slice(startxref, startxref + 4) !== "xref") throw new Error("startxref does not point at xref");
  const count = Number(/^xref\n0 (\d+)/.exec(raw.slice(startxref))![1]);
  const objects = new Map<number, { dict: string; stream?: Uint8Array }>();
  const rows = raw
    .slice(startxref)
    .split("\n")
    .slice(3, 2 + count);
  for (const [i, row] of rows.entries()) {
    const id = i + 1;
    const at = Number(row.slice(0, 10));
    const head = `${id} 0 obj\n`;
    if (raw.slice(at, at + head.length) !== head)
      throw new Error(`xref entry ${id} does not point at its object`);
    const body = at + head.length;
    const streamAt = raw.indexOf("\nstream\n", body);
    const endAt = raw.indexOf("\nendobj", body);
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = raw.slice(body, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)![1]);
      let data = bytes.subarray(streamAt + 8, streamAt + 8 + length);
      if (raw.slice(streamAt + 8 + length, streamAt + 8 + length + 10) !== "\nendstream")
        throw new Error(`stream ${id} has a wrong /Length`);
      if (dict.includes("/FlateDecode")) data = await inflate(data);
      objects.set(id, { dict, stream: data });
    } else objects.set(id, { dict: raw.slice(body, endAt) });
  }
  const obj = (id: number) => {
    const o = objects.get(id);
    if (!o) throw new Error(`no object ${id}`);
    return o;
  };
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

  const fonts = new Map<
    number,
    { name: string; map: Map<number, string>; file?: TrueTypeFont; embedded: boolean }
  >();
  const font = (id: number) => {
    let f = fonts.get(id);
    if (f) return f;
    const dict = obj(id).dict;
    const name = /\/BaseFont \/(\S+)/.exec(dict)![1]!;
    const map = new Map<number, string>();
    const cmapId = ref(dict, "ToUnicode");
    if (cmapId) {
      const cmap = latin1(obj(cmapId).stream!);
      for (const [, code, hex] of cmap.matchAll(/<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>/g)) {
        const units = hex!.match(/.{4}/g)!.map((h) => Number.parseInt(h, 16));
        map.set(Number.parseInt(code!, 16), String.fromCharCode(...units));
      }
    }
    const descendant = Number(/\/DescendantFonts \[(\d+) 0 R\]/.exec(dict)?.[1]);
    const descriptor = descendant ? ref(obj(descendant).dict, "FontDescriptor") : undefined;
    const fileId = descriptor ? ref(obj(descriptor).dict, "FontFile2") : undefined;
    const file = fileId ? parseTrueType(obj(fileId).stream!) : undefined;
    f = { name, map, file, embedded: !!file };
    fonts.set(id, f);
    return f;
  };

  const root = obj(ref(raw.slice(raw.indexOf("trailer")), "Root")).dict;
  const kids = [...obj(ref(root, "Pages")).dict.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const lines: PdfLine[] = [];
  const blank = new Set<string>();
  for (const [pageNo, pageId] of kids.entries()) {
    const page = obj(pageId).dict;
    const resources = new Map(
      [...page.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1]!, font(Number(m[2]))] as const),
    );
    const content = latin1(obj(ref(page, "Contents")).stream!);
    for (const [, bt] of content.matchAll(/BT (.*?) ET/g)) {
      const [, x, y] = /^([-\d.]+) ([-\d.]+) Td/.exec(bt!)!;
      let current: ReturnType<typeof font> | undefined;
      let size = 0;
      let text = "";
      const glyphs: string[] = [];
      let width = 0;
      for (const m of bt!.matchAll(/\/(F\d+) ([\d.]+) Tf|<([0-9a-f]*)> Tj/g)) {
        if (m[1]) {
          current = resources.get(m[1]);
          size = Number(m[2]);
          continue;
        }
        for (const code of (m[3]!.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16))) {
          const ch = current?.map.get(code) ?? "\ufffd";
          text += ch;
          glyphs.push(ch);
          if (current?.file) width += (current.file.advance(code) * size) / current.file.unitsPerEm;
          if (current?.file && !/\s/.test(ch) && !current.file.hasOutline(code)) blank.add(ch);
        }
      }
      lines.push({ page: pageNo + 1, x: Number(x), y: Number(y), size, text, glyphs, width });
    }
  }
  const all = [...fonts.values()];
  return {
    lines,
    text: lines.map((l) => l.text).join("\n"),
    pageCount: kids.length,
    blank: [...blank],
    fonts: all.map((f) => f.name),
    unembedded: all.filter((f) => !f.embedded).map((f) => f.name),
  };
}
