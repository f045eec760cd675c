/**
 * A small PDF writer that runs inside the Worker: Markdown-ish text laid out on A4 pages with the
 * PDF standard fonts (Helvetica, Helvetica-Bold, Courier), so no font files are embedded and the
 * bundle stays small. Text outside Windows-1252 becomes "?" (standard fonts cannot show it).
 * Paragraphs wrap (a word longer than the line is broken), tables are drawn as grids of wrapped
 * cells, and fenced blocks a caller can draw (diagrams, wireframes: lib/drawing.ts) are drawn as
 * vector figures scaled to the page instead of printed as source.
 */
import type { Drawing } from "./drawing";

/** Helvetica advance widths (1/1000 em) for ASCII 32–126, from Adobe's AFM. */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

const WIN_ANSI_EXTRA: Record<string, number> = {
  "€": 0x80,
  "…": 0x85,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "™": 0x99,
};

type Font = "F1" | "F2" | "F3";

function charWidth(ch: string, font: Font): number {
  if (font === "F3") return 600;
  const code = ch.charCodeAt(0);
  const w = code >= 32 && code <= 126 ? HELVETICA[code - 32]! : 556;
  return font === "F2" ? w * 1.06 : w;
}

const textWidth = (s: string, font: Font, size: number) =>
  ([...s].reduce((n, ch) => n + charWidth(ch, font), 0) * size) / 1000;

/** A PDF string literal in WinAnsi bytes, as a binary string. */
function pdfString(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (WIN_ANSI_EXTRA[ch] ?? 0x3f);
    const c = String.fromCharCode(byte);
    out += c === "(" || c === ")" || c === "\\" ? `\\${c}` : byte < 32 ? " " : c;
  }
  return `(${out})`;
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
function breakWord(word: string, font: Font, size: number, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of word) {
    if (cur && textWidth(cur + ch, font, size) > width) {
      out.push(cur);
      cur = ch;
    } else cur += ch;
  }
  return cur ? [...out, cur] : out;
}

function wrap(text: string, font: Font, size: number, width: number): string[] {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (textWidth(w, font, size) > width ? breakWord(w, font, size, width) : [w]));
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate, font, size) <= width || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
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

function tableRow(raw: string, width: number, header: boolean): Line | undefined {
  if (/^\|[\s|:-]+\|$/.test(raw.trim())) return undefined;
  const cells = raw
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => plain(c.trim().replace(/\\\|/g, "|")));
  const colW = width / cells.length;
  const font: Font = header ? "F2" : "F1";
  const wrapped = cells.map((c) => wrap(c, font, CELL_SIZE, colW - 2 * CELL_PAD));
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

function layout(title: string, markdown: string, figures: FigureDrawers = {}): Line[] {
  const width = PAGE_W - 2 * MARGIN;
  const lines: Line[] = [];
  const add = (text: string, font: Font, size: number, indent = 0, before = 0) => {
    for (const [i, t] of wrap(text, font, size, width - indent).entries())
      lines.push({ text: t, font, size, indent, before: i === 0 ? before : 0 });
  };
  add(title, "F2", 22, 0, 0);
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
          font: "F1",
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
      lines.push({ text: raw.replace(/\t/g, "  "), font: "F3", size: 9, indent: 12, before: 0 });
      continue;
    }
    if (raw.startsWith("|")) {
      const row = tableRow(raw, width, !previousRow);
      previousRow = true;
      if (row) lines.push(row);
      continue;
    }
    previousRow = false;
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    const bullet = /^(\s*)([-*+]|\d+\.)\s+(.*)$/.exec(raw);
    if (heading) add(plain(heading[2]!), "F2", [18, 15, 13, 12, 11, 11][heading[1]!.length - 1]!, 0, 12);
    else if (bullet)
      add(
        `${/\d/.test(bullet[2]!) ? bullet[2] : "•"} ${plain(bullet[3]!)}`,
        "F1",
        11,
        14 + bullet[1]!.length * 6,
        2,
      );
    else if (raw.startsWith(">")) add(plain(raw.replace(/^>\s?/, "")), "F1", 11, 14, 4);
    else if (raw.trim() === "") lines.push({ text: "", font: "F1", size: 6, indent: 0, before: 0 });
    else add(plain(raw), "F1", 11, 0, 2);
  }
  return lines;
}

function rowOps(line: Line, bottom: number): string[] {
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
        `BT /${line.font} ${CELL_SIZE} Tf ${(x + CELL_PAD).toFixed(1)} ${(bottom + h - CELL_PAD - (j + 1) * CELL_SIZE * 1.3 + 2).toFixed(1)} Td ${pdfString(t)} Tj ET`,
      );
    });
  });
  return ops;
}

const rgb = (hex: string) => {
  const n = Number.parseInt(hex.replace("#", "").padEnd(6, "0").slice(0, 6), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => (c / 255).toFixed(3)).join(" ");
};

/** A drawing as PDF path and text operators; (left, top) is its top-left corner on the page. */
function figureOps(d: Drawing, k: number, left: number, top: number): string[] {
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
    const w = centre ? textWidth(t, bold ? "F2" : "F1", s) / 2 : 0;
    ops.push(
      `${rgb(color)} rg BT /${bold ? "F2" : "F1"} ${s.toFixed(2)} Tf ${(left + x * k - w).toFixed(1)} ${Y(y)} Td ${pdfString(t)} Tj ET`,
    );
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

/** Renders a document to PDF bytes. The title is the first line and the document's /Title. */
export function renderPdf(title: string, markdown: string, figures: FigureDrawers = {}): Uint8Array {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  for (const line of layout(title, markdown, figures)) {
    const height = (line.height ?? line.size * 1.35) + line.before;
    if (y - height < MARGIN) {
      pages.push(ops.join("\n"));
      ops = [];
      y = PAGE_H - MARGIN;
    }
    y -= height;
    if (line.cells) ops.push(...rowOps(line, y));
    else if (line.figure)
      ops.push(
        ...figureOps(
          line.figure.drawing,
          line.figure.scale,
          MARGIN,
          y + line.figure.drawing.height * line.figure.scale,
        ),
      );
    else if (line.text)
      ops.push(
        `BT /${line.font} ${line.size} Tf ${MARGIN + line.indent} ${y.toFixed(1)} Td ${pdfString(line.text)} Tj ET`,
      );
  }
  pages.push(ops.join("\n"));

  // Objects: 1 catalog, 2 page tree, 3–5 fonts, 6 info, then a page and its content per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 7 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>";
  objects[5] = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>";
  objects[6] = `<< /Title ${pdfString(title)} /Producer (uXPRT) >>`;
  pages.forEach((content, i) => {
    const id = pageIds[i]!;
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });

  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character is one byte (WinAnsi), so offsets counted in characters are byte offsets.
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}
