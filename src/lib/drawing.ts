/**
 * A small vector drawing (boxes, lines, text) that renders to SVG for HTML and to PDF drawing
 * operators for PDF, so one layout of a diagram or wireframe serves every export. Text is always
 * escaped (SVG) or encoded (PDF) by the renderer, never by the caller.
 */
export type Shape = "rect" | "round" | "pill" | "diamond";

export interface Box {
  kind: "box";
  x: number;
  y: number;
  w: number;
  h: number;
  shape: Shape;
  fill: string;
  stroke: string;
  /** Lines of text, centred unless `align` says left. */
  text?: string[];
  textColor?: string;
  align?: "center" | "left";
  size?: number;
  bold?: boolean;
}

export interface Line {
  kind: "line";
  points: [number, number][];
  arrow?: boolean;
  label?: string;
  dashed?: boolean;
}

export interface Label {
  kind: "text";
  x: number;
  y: number;
  text: string;
  size?: number;
  bold?: boolean;
  anchor?: "start" | "middle";
  color?: string;
}

export interface Drawing {
  width: number;
  height: number;
  title: string;
  items: (Box | Line | Label)[];
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Cuts text to fit about `chars` characters per line, on word boundaries, at most `lines` lines. */
export function fitText(text: string, chars: number, lines = 3): string[] {
  const out: string[] = [];
  let cur = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = cur ? `${cur} ${word}` : word;
    if (next.length <= chars || !cur) cur = next.length > chars ? `${next.slice(0, chars - 1)}…` : next;
    else {
      out.push(cur);
      cur = word.length > chars ? `${word.slice(0, chars - 1)}…` : word;
    }
  }
  if (cur) out.push(cur);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]!.replace(/…$/, "").slice(0, chars - 1)}…`;
    return kept;
  }
  return out;
}

function boxPath(b: Box): string {
  const { x, y, w, h } = b;
  if (b.shape === "diamond")
    return `<polygon points="${x + w / 2},${y} ${x + w},${y + h / 2} ${x + w / 2},${y + h} ${x},${y + h / 2}" fill="${b.fill}" stroke="${b.stroke}"/>`;
  const r = b.shape === "pill" ? h / 2 : b.shape === "round" ? 8 : 2;
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" fill="${b.fill}" stroke="${b.stroke}"/>`;
}

export function drawingSvg(d: Drawing): string {
  const parts: string[] = [
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b6560"/></marker></defs>',
  ];
  for (const it of d.items) {
    if (it.kind === "box") {
      parts.push(boxPath(it));
      const size = it.size ?? 12;
      const lines = it.text ?? [];
      const top = it.y + it.h / 2 - ((lines.length - 1) * size * 1.25) / 2 + size * 0.35;
      lines.forEach((t, i) => {
        const x = it.align === "left" ? it.x + 10 : it.x + it.w / 2;
        parts.push(
          `<text x="${x}" y="${(it.align === "left" ? it.y + 18 + i * size * 1.35 : top + i * size * 1.25).toFixed(1)}" font-size="${size}"${it.bold ? ' font-weight="600"' : ""}${it.align === "left" ? "" : ' text-anchor="middle"'} fill="${it.textColor ?? "#1b1f1d"}">${esc(t)}</text>`,
        );
      });
    } else if (it.kind === "line") {
      const pts = it.points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
      parts.push(
        `<polyline points="${pts}" fill="none" stroke="#5b6560" stroke-width="1.4"${it.dashed ? ' stroke-dasharray="5 4"' : ""}${it.arrow ? ' marker-end="url(#arrow)"' : ""}/>`,
      );
      if (it.label) {
        const [a, b] = midSegment(it.points);
        const mx = (a[0] + b[0]) / 2;
        const my = (a[1] + b[1]) / 2;
        const w = Math.min(200, it.label.length * 6.2 + 10);
        parts.push(
          `<rect x="${(mx - w / 2).toFixed(1)}" y="${(my - 9).toFixed(1)}" width="${w.toFixed(1)}" height="16" rx="3" fill="#ffffff"/>`,
        );
        parts.push(
          `<text x="${mx.toFixed(1)}" y="${(my + 3).toFixed(1)}" font-size="10" text-anchor="middle" fill="#3d4642">${esc(it.label)}</text>`,
        );
      }
    } else {
      parts.push(
        `<text x="${it.x}" y="${it.y}" font-size="${it.size ?? 12}"${it.bold ? ' font-weight="600"' : ""}${it.anchor === "middle" ? ' text-anchor="middle"' : ""} fill="${it.color ?? "#1b1f1d"}">${esc(it.text)}</text>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${d.width} ${d.height}" width="${d.width}" height="${d.height}" font-family="system-ui,sans-serif" role="img" aria-label="${esc(d.title)}"><title>${esc(d.title)}</title>${parts.join("")}</svg>`;
}

/** The middle segment of a polyline, where its label goes. */
function midSegment(points: [number, number][]): [[number, number], [number, number]] {
  const i = Math.max(0, Math.floor((points.length - 2) / 2));
  return [points[i]!, points[i + 1] ?? points[i]!];
}

export { midSegment };
