/**
 * Mermaid diagrams drawn without Mermaid, for HTML and PDF exports: Mermaid's renderer needs a
 * browser DOM, which a Worker does not have. This reads the subset of Mermaid the writers produce
 * and models usually write — flowcharts and graphs (nodes, shapes, edges with labels), ER diagrams
 * (entities, attributes, relationships with cardinalities) and C4 context diagrams (people,
 * systems, labelled relationships) — and lays it out in layers. Anything outside that subset is
 * not guessed at: the caller shows the source instead.
 */
import { fitText, type Box, type Drawing, type Line } from "../../lib/drawing";

const NODE_W = 168;
const NODE_H = 52;
const GAP_X = 28;
const GAP_Y = 56;
const PAD = 20;

interface Graph {
  nodes: Map<string, { text: string; shape: Box["shape"]; fill?: string }>;
  edges: { from: string; to: string; label?: string }[];
}

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^"([\s\S]*)"$/, "$1")
    .replace(/^'([\s\S]*)'$/, "$1");

const NODE =
  /^([A-Za-z_][\w-]*)\s*(\(\[|\[\[|\[\(|\(\(|\[|\(|\{\{|\{|>)([\s\S]*?)(\]\)|\]\]|\)\]|\)\)|\]|\)|\}\}|\})$/;

function node(g: Graph, token: string): string | undefined {
  const t = token.trim();
  const m = NODE.exec(t);
  if (m) {
    const [, id, open] = m;
    const shape: Box["shape"] =
      open === "(["
        ? "pill"
        : open === "{" || open === "{{"
          ? "diamond"
          : open === "(" || open === "(("
            ? "round"
            : "rect";
    g.nodes.set(id!, { text: unquote(m[3]!), shape });
    return id;
  }
  if (/^[A-Za-z_][\w-]*$/.test(t)) {
    if (!g.nodes.has(t)) g.nodes.set(t, { text: t, shape: "rect" });
    return t;
  }
  return undefined;
}

/** flowchart / graph source → nodes and edges; undefined for syntax this reader does not know. */
export function parseFlowchart(src: string): Graph | undefined {
  const lines = src
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("%%"));
  if (!/^(flowchart|graph)(\s+(TD|TB|LR|RL|BT))?$/.test(lines[0] ?? "")) return undefined;
  const g: Graph = { nodes: new Map(), edges: [] };
  for (const line of lines.slice(1)) {
    if (/^(subgraph\b|end$|classDef\b|class\b|style\b|linkStyle\b|direction\b)/.test(line)) continue;
    const parts = line.split(/\s*(-->|---|-\.->|==>)\s*(?:\|([^|]*)\|\s*)?/);
    if (parts.length === 1) {
      if (!node(g, line.replace(/;$/, ""))) return undefined;
      continue;
    }
    // a --> b -->|x| c: every arrow joins the node before it to the node after it.
    let prev = node(g, parts[0]!);
    if (!prev) return undefined;
    for (let i = 1; i + 2 < parts.length + 1; i += 3) {
      const label = parts[i + 1];
      const next = node(g, (parts[i + 2] ?? "").replace(/;$/, ""));
      if (!next) return undefined;
      g.edges.push({ from: prev, to: next, ...(label ? { label: unquote(label) } : {}) });
      prev = next;
    }
  }
  return g.nodes.size ? g : undefined;
}

/** Layers by longest path from the roots (back edges ignored), nodes centred in each layer. */
export function layeredDrawing(g: Graph, title: string): Drawing {
  const ids = [...g.nodes.keys()];
  const incoming = new Map(ids.map((id) => [id, 0]));
  for (const e of g.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  // Depth-first order to find back edges, so cycles (retry loops) do not break the layering.
  const state = new Map<string, number>();
  const back = new Set<number>();
  const visit = (id: string) => {
    state.set(id, 1);
    g.edges.forEach((e, i) => {
      if (e.from !== id) return;
      if (state.get(e.to) === 1) back.add(i);
      else if (!state.has(e.to)) visit(e.to);
    });
    state.set(id, 2);
  };
  for (const id of ids) if (!state.has(id) && (incoming.get(id) ?? 0) === 0) visit(id);
  for (const id of ids) if (!state.has(id)) visit(id);
  const rank = new Map(ids.map((id) => [id, 0]));
  for (let pass = 0; pass < ids.length; pass++) {
    let changed = false;
    g.edges.forEach((e, i) => {
      if (back.has(i)) return;
      const r = rank.get(e.from)! + 1;
      if (r > rank.get(e.to)!) {
        rank.set(e.to, r);
        changed = true;
      }
    });
    if (!changed) break;
  }
  const layers: string[][] = [];
  for (const id of ids) (layers[rank.get(id)!] ??= []).push(id);
  const widest = Math.max(...layers.map((l) => l?.length ?? 0));
  const width = PAD * 2 + widest * NODE_W + (widest - 1) * GAP_X;
  const pos = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, r) => {
    const rowW = layer.length * NODE_W + (layer.length - 1) * GAP_X;
    layer.forEach((id, i) => {
      pos.set(id, { x: (width - rowW) / 2 + i * (NODE_W + GAP_X), y: PAD + r * (NODE_H + GAP_Y) });
    });
  });
  const height = PAD * 2 + layers.length * NODE_H + (layers.length - 1) * GAP_Y;
  const items: Drawing["items"] = [];
  g.edges.forEach((e, i) => {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const line: Line =
      back.has(i) || rank.get(e.to)! <= rank.get(e.from)!
        ? {
            kind: "line",
            // Back to an earlier step: out of the right side, up, and into the target's right side.
            points: [
              [a.x + NODE_W, a.y + NODE_H / 2],
              [Math.max(a.x, b.x) + NODE_W + 14, a.y + NODE_H / 2],
              [Math.max(a.x, b.x) + NODE_W + 14, b.y + NODE_H / 2],
              [b.x + NODE_W, b.y + NODE_H / 2],
            ],
            arrow: true,
            dashed: true,
          }
        : {
            kind: "line",
            points: [
              [a.x + NODE_W / 2, a.y + NODE_H],
              [b.x + NODE_W / 2, b.y],
            ],
            arrow: true,
          };
    if (e.label) line.label = e.label.slice(0, 30);
    items.push(line);
  });
  for (const [id, n] of g.nodes) {
    const p = pos.get(id)!;
    items.push({
      kind: "box",
      x: p.x,
      y: p.y,
      w: NODE_W,
      h: NODE_H,
      shape: n.shape,
      fill: n.shape === "pill" ? "#e3f5ee" : n.shape === "diamond" ? "#fff6e0" : "#f3f5f4",
      stroke: "#8a948f",
      text: fitText(n.text, n.shape === "diamond" ? 18 : 24, n.shape === "diamond" ? 2 : 3),
      size: 11,
    });
  }
  return { width: width + 20, height, title, items };
}

const CARD: Record<string, string> = {
  "||": "1",
  "|o": "0..1",
  "o|": "0..1",
  "}|": "1..*",
  "|{": "1..*",
  "}o": "0..*",
  "o{": "0..*",
};

/** erDiagram source → entity boxes with attributes and labelled, cardinality-marked lines. */
export function erDrawing(src: string, title: string): Drawing | undefined {
  const lines = src
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines[0] !== "erDiagram") return undefined;
  const entities = new Map<string, string[]>();
  const rels: { a: string; b: string; ca: string; cb: string; label: string }[] = [];
  let open: string | undefined;
  for (const line of lines.slice(1)) {
    if (open) {
      if (line === "}") open = undefined;
      else entities.get(open)!.push(line.replace(/\s+/g, " "));
      continue;
    }
    const block = /^([\w-]+)\s*\{$/.exec(line);
    if (block) {
      open = block[1]!;
      if (!entities.has(open)) entities.set(open, []);
      continue;
    }
    const rel = /^([\w-]+)\s+([|}o][|o])(--|\.\.)([|o][|{o])\s+([\w-]+)\s*:\s*(.+)$/.exec(line);
    if (!rel) return undefined;
    for (const e of [rel[1]!, rel[5]!]) if (!entities.has(e)) entities.set(e, []);
    rels.push({
      a: rel[1]!,
      b: rel[5]!,
      ca: CARD[rel[2]!] ?? "",
      cb: CARD[rel[4]!] ?? "",
      label: unquote(rel[6]!),
    });
  }
  const names = [...entities.keys()];
  const cols = Math.min(3, names.length);
  const W = 200;
  const rowH = 18;
  const heights = names.map((n) => 38 + Math.max(1, entities.get(n)!.length) * rowH);
  const pos = new Map<string, { x: number; y: number; h: number }>();
  let y = PAD;
  for (let r = 0; r * cols < names.length; r++) {
    const row = names.slice(r * cols, r * cols + cols);
    const h = Math.max(...row.map((n) => heights[names.indexOf(n)]!));
    row.forEach((n, i) => {
      pos.set(n, { x: PAD + i * (W + 90), y, h: heights[names.indexOf(n)]! });
    });
    y += h + 70;
  }
  const items: Drawing["items"] = [];
  for (const n of names) {
    const p = pos.get(n)!;
    items.push({
      kind: "box",
      x: p.x,
      y: p.y,
      w: W,
      h: p.h,
      shape: "rect",
      fill: "#f3f5f4",
      stroke: "#8a948f",
    });
    items.push({
      kind: "box",
      x: p.x,
      y: p.y,
      w: W,
      h: 26,
      shape: "rect",
      fill: "#1b1f1d",
      stroke: "#1b1f1d",
      text: [n],
      textColor: "#ffffff",
      bold: true,
      size: 12,
    });
    entities.get(n)!.forEach((attr, i) => {
      items.push({ kind: "text", x: p.x + 10, y: p.y + 44 + i * rowH, text: attr.slice(0, 30), size: 11 });
    });
  }
  // Relationships after the boxes, so their cardinalities are drawn on top, just outside each box.
  for (const r of rels) {
    const a = pos.get(r.a)!;
    const b = pos.get(r.b)!;
    const from: [number, number] = [a.x + W / 2, a.y + a.h / 2];
    const to: [number, number] = [b.x + W / 2, b.y + b.h / 2];
    const edge = (p: { x: number; y: number; h: number }, toward: [number, number]): [number, number] => {
      const cx = p.x + W / 2;
      const cy = p.y + p.h / 2;
      const dx = toward[0] - cx;
      const dy = toward[1] - cy;
      const s = Math.min(Math.abs(W / 2 / (dx || 1e-9)), Math.abs(p.h / 2 / (dy || 1e-9)));
      return [cx + dx * s, cy + dy * s];
    };
    const pa = edge(a, to);
    const pb = edge(b, from);
    const len = Math.hypot(pb[0] - pa[0], pb[1] - pa[1]) || 1;
    const ux = (pb[0] - pa[0]) / len;
    const uy = (pb[1] - pa[1]) / len;
    items.push({ kind: "line", points: [pa, pb], label: r.label.replace(/_/g, " ") });
    items.push({
      kind: "text",
      x: pa[0] + ux * 16,
      y: pa[1] + uy * 16 - 6,
      text: r.ca,
      size: 10,
      anchor: "middle",
      color: "#3d4642",
    });
    items.push({
      kind: "text",
      x: pb[0] - ux * 18,
      y: pb[1] - uy * 18 - 6,
      text: r.cb,
      size: 10,
      anchor: "middle",
      color: "#3d4642",
    });
  }
  return { width: PAD * 2 + cols * W + (cols - 1) * 90, height: y - 50, title, items };
}

/** C4Context source → people, the system and external systems in layers, relationships labelled. */
export function c4Drawing(src: string, title: string): Drawing | undefined {
  const lines = src
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!/^C4Context$/.test(lines[0] ?? "")) return undefined;
  const args = (s: string) => [...s.matchAll(/"([^"]*)"|([\w-]+)/g)].map((m) => m[1] ?? m[2]!);
  const g: Graph = { nodes: new Map(), edges: [] };
  const layerOf = new Map<string, number>();
  for (const line of lines.slice(1)) {
    if (/^title\s/.test(line) || /^UpdateLayoutConfig|^UpdateElementStyle|^UpdateRelStyle/.test(line))
      continue;
    const m =
      /^(Person|Person_Ext|System|System_Ext|SystemDb|SystemDb_Ext|Rel|BiRel|Rel_[UDLR]|Rel_Back)\((.*)\)$/.exec(
        line,
      );
    if (!m) return undefined;
    const [id, a, b] = args(m[2]!);
    if (!id) return undefined;
    if (m[1]!.startsWith("Rel") || m[1] === "BiRel") {
      g.edges.push({ from: id, to: a!, label: b });
      continue;
    }
    const person = m[1]!.startsWith("Person");
    g.nodes.set(id, { text: a ?? id, shape: person ? "pill" : "rect" });
    layerOf.set(id, person ? 0 : m[1]!.includes("Ext") ? 2 : 1);
  }
  if (g.edges.some((e) => !g.nodes.has(e.from) || !g.nodes.has(e.to))) return undefined;
  const d = layeredDrawing({ nodes: g.nodes, edges: [] }, title);
  // Re-place by C4 layer: people on top, the system in the middle, external systems below.
  const layers = [0, 1, 2].map((l) => [...g.nodes.keys()].filter((id) => layerOf.get(id) === l));
  const widest = Math.max(...layers.map((l) => l.length));
  const width = PAD * 2 + widest * NODE_W + (widest - 1) * GAP_X * 2;
  const pos = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, r) => {
    const rowW = layer.length * NODE_W + (layer.length - 1) * GAP_X * 2;
    layer.forEach((id, i) => {
      pos.set(id, { x: (width - rowW) / 2 + i * (NODE_W + GAP_X * 2), y: PAD + r * (NODE_H + GAP_Y * 1.6) });
    });
  });
  const items: Drawing["items"] = g.edges.map((e) => {
    const a = pos.get(e.from)!;
    const b = pos.get(e.to)!;
    const down = b.y > a.y;
    return {
      kind: "line",
      points: [
        [a.x + NODE_W / 2, down ? a.y + NODE_H : a.y],
        [b.x + NODE_W / 2, down ? b.y : b.y + NODE_H],
      ],
      arrow: true,
      ...(e.label ? { label: e.label.slice(0, 34) } : {}),
    };
  });
  for (const [id, n] of g.nodes) {
    const p = pos.get(id)!;
    const ext = layerOf.get(id) === 2;
    items.push({
      kind: "box",
      x: p.x,
      y: p.y,
      w: NODE_W,
      h: NODE_H,
      shape: n.shape,
      fill: ext ? "#e8ecea" : layerOf.get(id) === 1 ? "#27b08b" : "#e3f5ee",
      stroke: "#5b6560",
      text: fitText(n.text, 24, 3),
      size: 11,
      textColor: layerOf.get(id) === 1 ? "#ffffff" : "#1b1f1d",
    });
  }
  return { ...d, width, height: PAD * 2 + 3 * NODE_H + 2 * GAP_Y * 1.6, items };
}

/** A drawing of any Mermaid source this module can read, or undefined. */
export function mermaidDrawing(src: string): Drawing | undefined {
  const head = src.trim().split(/\s/)[0] ?? "";
  if (head === "erDiagram") return erDrawing(src, "Entity relationship diagram");
  if (head === "C4Context") return c4Drawing(src, "System context diagram");
  const g = parseFlowchart(src);
  return g && layeredDrawing(g, "Flowchart");
}
