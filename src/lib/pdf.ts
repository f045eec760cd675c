/**
 * A small PDF writer that runs inside the Worker: Markdown-ish text laid out on A4 pages with the
 * PDF standard fonts (Helvetica, Helvetica-Bold, Courier), so no font files are embedded and the
 * bundle stays small. Text outside Windows-1252 becomes "?" (standard fonts cannot show it).
 */

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
}

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;

function wrap(text: string, font: Font, size: number, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
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

function layout(title: string, markdown: string): Line[] {
  const width = PAGE_W - 2 * MARGIN;
  const lines: Line[] = [];
  const add = (text: string, font: Font, size: number, indent = 0, before = 0) => {
    for (const [i, t] of wrap(text, font, size, width - indent).entries())
      lines.push({ text: t, font, size, indent, before: i === 0 ? before : 0 });
  };
  add(title, "F2", 22, 0, 0);
  let inCode = false;
  for (const raw of markdown.split("\n")) {
    if (raw.startsWith("```")) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      lines.push({ text: raw.replace(/\t/g, "  "), font: "F3", size: 9, indent: 12, before: 0 });
      continue;
    }
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
    else if (raw.startsWith("|")) lines.push({ text: raw, font: "F3", size: 8, indent: 0, before: 0 });
    else if (raw.startsWith(">")) add(plain(raw.replace(/^>\s?/, "")), "F1", 11, 14, 4);
    else if (raw.trim() === "") lines.push({ text: "", font: "F1", size: 6, indent: 0, before: 0 });
    else add(plain(raw), "F1", 11, 0, 2);
  }
  return lines;
}

/** Renders a document to PDF bytes. The title is the first line and the document's /Title. */
export function renderPdf(title: string, markdown: string): Uint8Array {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  for (const line of layout(title, markdown)) {
    const height = line.size * 1.35 + line.before;
    if (y - height < MARGIN) {
      pages.push(ops.join("\n"));
      ops = [];
      y = PAGE_H - MARGIN;
    }
    y -= height;
    if (line.text)
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
