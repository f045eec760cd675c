/**
 * A small PDF writer that runs inside the Worker: Markdown-ish text laid out on A4 pages in embedded
 * Noto fonts (pdf-fonts.ts: a subset of the glyphs used, with a ToUnicode map, so any script the
 * fonts cover is drawn and copies back as text — Latin, Greek, Cyrillic, Arabic, CJK).
 * Paragraphs wrap (a word longer than the line is broken), tables are drawn as grids of wrapped
 * cells, and fenced blocks a caller can draw (diagrams, wireframes: lib/drawing.ts) are drawn as
 * vector figures scaled to the page instead of printed as source. Page contents are deflated.
 */
import type { Drawing } from "./drawing";
import {
  type Face,
  FontBook,
  type FontSource,
  subsetName,
  toUnicodeCMap,
  type UsedFont,
  utf16Hex,
} from "./pdf-fonts";

export type { FontSource } from "./pdf-fonts";

type Font = Face;

const textWidth = (b: FontBook, s: string, font: Font, size: number) => (b.width(s, font) * size) / 1000;

const rgb = (hex: string) => {
  const n = Number.parseInt(hex.replace("#", "").padEnd(6, "0").slice(0, 6), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => (c / 255).toFixed(3)).join(" ");
};

/**
 * A line of text at (x, y) as a text object: one run per font. Bold in a font with one weight is
 * drawn filled and stroked; that changes the line width, so such text sits inside q … Q.
 */
function textOps(
  b: FontBook,
  x: number,
  y: number,
  text: string,
  font: Font,
  size: number,
  color = "#000000",
): string {
  const runs = b.runs(text, font);
  const fake = runs.some((r) => r.fakeBold);
  const shown = runs
    .map(
      (r) =>
        `/${r.font.resource} ${+size.toFixed(2)} Tf ${r.fakeBold ? `2 Tr ${(size * 0.035).toFixed(2)} w ` : fake ? "0 Tr " : ""}<${r.hex}> Tj`,
    )
    .join(" ");
  const bt = `BT ${x.toFixed(1)} ${y.toFixed(1)} Td ${shown} ET`;
  return fake ? `q ${rgb(color)} RG ${bt} Q` : bt;
}

interface Line {
  text: string;
  font: Font;
  size: number;
  indent: number;
  /** Extra space before the line, in points. */
  before: number;
  /** A table row: wrapped cells of equal width, drawn with borders. */
  cells?: string[][];
  /** A figure drawn in place of the line, scaled to the page. */
  figure?: { drawing: Drawing; scale: number };
  /** The height the line takes when it is not one line of text (rows, figures). */
  height?: number;
}

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;

/** A word wider than the line, broken into pieces that fit. */
function breakWord(b: FontBook, word: string, font: Font, size: number, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  let used = 0;
  for (const ch of word) {
    const w = textWidth(b, ch, font, size);
    if (cur && used + w > width) {
      out.push(cur);
      [cur, used] = [ch, w];
    } else [cur, used] = [cur + ch, used + w];
  }
  return cur ? [...out, cur] : out;
}

function wrap(b: FontBook, text: string, font: Font, size: number, width: number): string[] {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (textWidth(b, w, font, size) > width ? breakWord(b, w, font, size, width) : [w]));
  // Widths add up (no kerning, and no join crosses a space), so each word is measured once.
  const space = textWidth(b, " ", font, size);
  const lines: string[] = [];
  let current = "";
  let used = 0;
  for (const word of words) {
    const w = textWidth(b, word, font, size);
    if (!current) [current, used] = [word, w];
    else if (used + space + w <= width) [current, used] = [`${current} ${word}`, used + space + w];
    else {
      lines.push(current);
      [current, used] = [word, w];
    }
  }
  if (current) lines.push(current);
  return lines.length ? lines : [""];
}

/** Inline Markdown to plain text: emphasis and code marks dropped, links as "text (url)". */
const plain = (s: string) =>
  s.replace(/!?\[([^\]]*)\]\(([^)]+)\)/g, "$1 ($2)").replace(/(\*\*|__|\*|_|`)/g, "");

/** Fenced blocks of these languages are drawn when the drawer returns a drawing. */
export type FigureDrawers = Record<string, (source: string) => Drawing | undefined>;

const CELL_SIZE = 9;
const CELL_PAD = 4;

function tableRow(b: FontBook, raw: string, width: number, header: boolean): Line | undefined {
  if (/^\|[\s|:-]+\|$/.test(raw.trim())) return undefined;
  const cells = raw
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => plain(c.trim().replace(/\\\|/g, "|")));
  const colW = width / cells.length;
  const font: Font = header ? "bold" : "regular";
  const wrapped = cells.map((c) => wrap(b, c, font, CELL_SIZE, colW - 2 * CELL_PAD));
  const rows = Math.max(...wrapped.map((w) => w.length));
  return {
    text: "",
    font,
    size: CELL_SIZE,
    indent: 0,
    before: 0,
    cells: wrapped,
    height: rows * CELL_SIZE * 1.3 + 2 * CELL_PAD,
  };
}

function layout(b: FontBook, title: string, markdown: string, figures: FigureDrawers): Line[] {
  const width = PAGE_W - 2 * MARGIN;
  const lines: Line[] = [];
  const add = (text: string, font: Font, size: number, indent = 0, before = 0) => {
    for (const [i, t] of wrap(b, text, font, size, width - indent).entries())
      lines.push({ text: t, font, size, indent, before: i === 0 ? before : 0 });
  };
  add(title, "bold", 22, 0, 0);
  let fence: { lang: string; body: string[]; at: number } | undefined;
  let previousRow = false;
  for (const raw of markdown.split("\n")) {
    if (raw.startsWith("```")) {
      if (!fence) {
        fence = { lang: raw.slice(3).trim(), body: [], at: lines.length };
        continue;
      }
      const drawing = figures[fence.lang]?.(fence.body.join("\n"));
      if (drawing) {
        // The code lines of the block give way to its figure, scaled to fit the page.
        lines.length = fence.at;
        const scale = Math.min(1, width / drawing.width, (PAGE_H - 2 * MARGIN - 20) / drawing.height);
        lines.push({
          text: "",
          font: "regular",
          size: 11,
          indent: 0,
          before: 8,
          figure: { drawing, scale },
          height: drawing.height * scale,
        });
      }
      fence = undefined;
      continue;
    }
    if (fence) {
      fence.body.push(raw);
      // Code keeps its spaces: a line too long for the page is cut where it reaches the margin.
      const code = raw.replace(/\t/g, "  ");
      const pieces =
        textWidth(b, code, "mono", 9) > width - 12 ? breakWord(b, code, "mono", 9, width - 12) : [code];
      for (const text of pieces) lines.push({ text, font: "mono", size: 9, indent: 12, before: 0 });
      continue;
    }
    if (raw.startsWith("|")) {
      const row = tableRow(b, raw, width, !previousRow);
      previousRow = true;
      if (row) lines.push(row);
      continue;
    }
    previousRow = false;
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    const bullet = /^(\s*)([-*+]|\d+\.)\s+(.*)$/.exec(raw);
    if (heading) add(plain(heading[2]!), "bold", [18, 15, 13, 12, 11, 11][heading[1]!.length - 1]!, 0, 12);
    else if (bullet)
      add(
        `${/\d/.test(bullet[2]!) ? bullet[2] : "•"} ${plain(bullet[3]!)}`,
        "regular",
        11,
        14 + bullet[1]!.length * 6,
        2,
      );
    else if (raw.startsWith(">")) add(plain(raw.replace(/^>\s?/, "")), "regular", 11, 14, 4);
    else if (raw.trim() === "") lines.push({ text: "", font: "regular", size: 6, indent: 0, before: 0 });
    else add(plain(raw), "regular", 11, 0, 2);
  }
  return lines;
}

function rowOps(b: FontBook, line: Line, bottom: number): string[] {
  const cells = line.cells!;
  const width = PAGE_W - 2 * MARGIN;
  const colW = width / cells.length;
  const h = line.height!;
  const ops = ["0.55 0.58 0.56 RG 0.5 w"];
  cells.forEach((cell, i) => {
    const x = MARGIN + i * colW;
    ops.push(`${x.toFixed(1)} ${bottom.toFixed(1)} ${colW.toFixed(1)} ${h.toFixed(1)} re S`);
    cell.forEach((t, j) => {
      ops.push(
        textOps(
          b,
          x + CELL_PAD,
          bottom + h - CELL_PAD - (j + 1) * CELL_SIZE * 1.3 + 2,
          t,
          line.font,
          CELL_SIZE,
        ),
      );
    });
  });
  return ops;
}

/** A drawing as PDF path and text operators; (left, top) is its top-left corner on the page. */
function figureOps(b: FontBook, d: Drawing, k: number, left: number, top: number): string[] {
  const X = (x: number) => (left + x * k).toFixed(1);
  const Y = (y: number) => (top - y * k).toFixed(1);
  const ops: string[] = ["q 0.8 w"];
  const text = (
    x: number,
    y: number,
    t: string,
    size: number,
    bold: boolean,
    color: string,
    centre: boolean,
  ) => {
    const s = size * k;
    const face: Font = bold ? "bold" : "regular";
    const w = centre ? textWidth(b, t, face, s) / 2 : 0;
    ops.push(`${rgb(color)} rg ${textOps(b, left + x * k - w, top - y * k, t, face, s, color)}`);
  };
  for (const it of d.items) {
    if (it.kind === "box") {
      ops.push(`${rgb(it.fill)} rg ${rgb(it.stroke)} RG`);
      if (it.shape === "diamond")
        ops.push(
          `${X(it.x + it.w / 2)} ${Y(it.y)} m ${X(it.x + it.w)} ${Y(it.y + it.h / 2)} l ${X(it.x + it.w / 2)} ${Y(it.y + it.h)} l ${X(it.x)} ${Y(it.y + it.h / 2)} l h B`,
        );
      else ops.push(`${X(it.x)} ${Y(it.y + it.h)} ${(it.w * k).toFixed(1)} ${(it.h * k).toFixed(1)} re B`);
      const size = it.size ?? 12;
      const lines = it.text ?? [];
      lines.forEach((t, i) => {
        const y =
          it.align === "left"
            ? it.y + 18 + i * size * 1.35
            : it.y + it.h / 2 - ((lines.length - 1) * size * 1.25) / 2 + size * 0.35 + i * size * 1.25;
        text(
          it.align === "left" ? it.x + 10 : it.x + it.w / 2,
          y,
          t,
          size,
          !!it.bold,
          it.textColor ?? "#1b1f1d",
          it.align !== "left",
        );
      });
    } else if (it.kind === "line") {
      const [first, ...rest] = it.points;
      ops.push(
        `0.36 0.40 0.38 RG ${it.dashed ? "[3 2] 0 d" : "[] 0 d"} ${X(first![0])} ${Y(first![1])} m ${rest.map(([x, y]) => `${X(x)} ${Y(y)} l`).join(" ")} S [] 0 d`,
      );
      if (it.arrow && rest.length) {
        const [bx, by] = rest[rest.length - 1]!;
        const [ax, ay] = it.points[it.points.length - 2]!;
        const len = Math.hypot(bx - ax, by - ay) || 1;
        const [ux, uy] = [(bx - ax) / len, (by - ay) / len];
        const p1 = [bx - ux * 8 - uy * 4, by - uy * 8 + ux * 4];
        const p2 = [bx - ux * 8 + uy * 4, by - uy * 8 - ux * 4];
        ops.push(
          `0.36 0.40 0.38 rg ${X(bx)} ${Y(by)} m ${X(p1[0]!)} ${Y(p1[1]!)} l ${X(p2[0]!)} ${Y(p2[1]!)} l h f`,
        );
      }
      if (it.label) {
        const i = Math.max(0, Math.floor((it.points.length - 2) / 2));
        const [a, b] = [it.points[i]!, it.points[i + 1] ?? it.points[i]!];
        text((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 3, it.label, 9, false, "#3d4642", true);
      }
    } else text(it.x, it.y, it.text, it.size ?? 12, !!it.bold, it.color ?? "#1b1f1d", it.anchor === "middle");
  }
  ops.push("Q");
  return ops;
}

/**
 * The drawings of a document's fenced blocks, drawn once: their text decides which fonts to load
 * before the layout measures anything, and the layout then reuses them.
 */
function drawOnce(markdown: string, figures: FigureDrawers): { drawers: FigureDrawers; texts: string[] } {
  const drawn = new Map<string, Drawing | undefined>();
  const drawers: FigureDrawers = {};
  for (const [lang, draw] of Object.entries(figures))
    drawers[lang] = (src) => {
      const key = `${lang}\n${src}`;
      if (!drawn.has(key)) drawn.set(key, draw(src));
      return drawn.get(key);
    };
  let fence: { lang: string; body: string[] } | undefined;
  for (const raw of markdown.split("\n")) {
    if (!raw.startsWith("```")) fence?.body.push(raw);
    else if (!fence) fence = { lang: raw.slice(3).trim(), body: [] };
    else {
      drawers[fence.lang]?.(fence.body.join("\n"));
      fence = undefined;
    }
  }
  const texts = [...drawn.values()].flatMap((d) =>
    (d?.items ?? []).flatMap((it) =>
      it.kind === "box" ? (it.text ?? []) : it.kind === "line" ? [it.label ?? ""] : [it.text],
    ),
  );
  return { drawers, texts };
}

/** zlib-deflated bytes, as PDF's FlateDecode reads them. */
async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const ascii = (s: string) => new TextEncoder().encode(s);

/**
 * A font's objects: Type0 at `id`, then its CIDFont, descriptor, font file and ToUnicode map. The
 * font file and the map are stored as they are: glyph outlines deflate by only about a quarter, and
 * deflating them was most of an export's CPU.
 */
function fontObjects(u: UsedFont, id: number): (string | Uint8Array)[] {
  const f = u.font;
  const order = [...u.codes.entries()].sort((a, b) => a[1] - b[1]).map(([gid]) => gid);
  const file = f.subset(order).bytes;
  const em = (v: number) => Math.round((v * 1000) / f.unitsPerEm);
  const widths = [0, ...order].map((gid) => em(f.advance(gid)));
  const name = subsetName(u);
  return [
    `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${id + 1} 0 R] /ToUnicode ${id + 4} 0 R >>`,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${id + 2} 0 R /W [0 [${widths.join(" ")}]] /CIDToGIDMap /Identity >>`,
    `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${f.bbox.map(em).join(" ")}] /ItalicAngle 0 /Ascent ${em(f.ascent)} /Descent ${em(f.descent)} /CapHeight ${em(f.capHeight)} /StemV 80 /FontFile2 ${id + 3} 0 R >>`,
    stream(file, `/Length1 ${file.length}`),
    stream(ascii(toUnicodeCMap(u))),
  ];
}

const stream = (data: Uint8Array, dict = "") => {
  const head = ascii(`<< /Length ${data.length}${dict ? ` ${dict}` : ""} >>\nstream\n`);
  const tail = ascii("\nendstream");
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
};

/**
 * Renders a document to PDF bytes. The title is the first line and the document's /Title. `fonts`
 * reads the font files (in the Worker, its static assets: see pdf-fonts.ts).
 */
export async function renderPdf(
  title: string,
  markdown: string,
  figures: FigureDrawers,
  fonts: FontSource,
): Promise<Uint8Array> {
  const { drawers, texts } = drawOnce(markdown, figures);
  const b = await FontBook.load([title, markdown, "•", ...texts], fonts);
  // Each page's content is deflated as soon as the page is full, so only one page's operators are
  // ever held as text: a 512 KiB artifact makes hundreds of pages (docs/PERFORMANCE.md, heavy paths).
  const contents: Uint8Array[] = [];
  let ops: string[] = [];
  const endPage = async () => {
    contents.push(await deflate(ascii(ops.join("\n"))));
    ops = [];
  };
  let y = PAGE_H - MARGIN;
  for (const line of layout(b, title, markdown, drawers)) {
    const height = (line.height ?? line.size * 1.35) + line.before;
    if (y - height < MARGIN) {
      await endPage();
      y = PAGE_H - MARGIN;
    }
    y -= height;
    if (line.cells) ops.push(...rowOps(b, line, y));
    else if (line.figure)
      ops.push(
        ...figureOps(
          b,
          line.figure.drawing,
          line.figure.scale,
          MARGIN,
          y + line.figure.drawing.height * line.figure.scale,
        ),
      );
    else if (line.text) ops.push(textOps(b, MARGIN + line.indent, y, line.text, line.font, line.size));
  }
  await endPage();

  // Objects: 1 catalog, 2 page tree, 3 info, then a page and its content per page, then the fonts.
  const objects: (string | Uint8Array)[] = [];
  const pageIds = contents.map((_, i) => 4 + i * 2);
  const used = b.usedFonts();
  const fontIds = used.map((_, i) => 4 + contents.length * 2 + i * 5);
  const fontDict = used.map((u, i) => `/${u.resource} ${fontIds[i]} 0 R`).join(" ");
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${contents.length} >>`;
  objects[3] = `<< /Title <FEFF${utf16Hex(title)}> /Producer (uXPRT) >>`;
  contents.forEach((_, i) => {
    const id = pageIds[i]!;
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << ${fontDict} >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = stream(contents[i]!, "/Filter /FlateDecode");
  });
  const embedded = used.map((u, i) => fontObjects(u, fontIds[i]!));
  embedded.forEach((objs, i) => {
    objs.forEach((o, k) => {
      objects[fontIds[i]! + k] = o;
    });
  });

  const parts: Uint8Array[] = [ascii("%PDF-1.4\n%"), new Uint8Array([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])];
  let length = parts.reduce((n, p) => n + p.length, 0);
  const push = (p: Uint8Array) => {
    parts.push(p);
    length += p.length;
  };
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = length;
    const body = objects[id]!;
    push(ascii(`${id} 0 obj\n`));
    push(typeof body === "string" ? ascii(body) : body);
    push(ascii("\nendobj\n"));
  }
  const xref = length;
  let tail = `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) tail += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  push(ascii(tail));
  const out = new Uint8Array(length);
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
