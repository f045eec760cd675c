/**
 * Wireframes as a structured layout (JSON in the artifact body) and its rendering to SVG. The
 * layout is data, so a model or a person can edit it; the SVG is always made by this code, so every
 * label in it is escaped text.
 */
import { z } from "zod";
import { drawingSvg, type Drawing } from "../../lib/drawing";

export const WireframeLayout = z.object({
  screen: z.string().max(120),
  viewport: z.enum(["mobile", "desktop"]),
  regions: z
    .array(
      z.object({
        kind: z.enum(["header", "nav", "main", "sidebar", "footer", "tabbar"]),
        label: z.string().max(120),
        items: z.array(z.string().max(120)).max(12).default([]),
        /** Buttons the region offers (drawn filled), e.g. "Add by photo". */
        actions: z.array(z.string().max(60)).max(6).optional(),
        /** In a nav or tab bar: the entry of the screen shown. */
        active: z.string().max(120).optional(),
      }),
    )
    .max(8),
});
export type WireframeLayout = z.infer<typeof WireframeLayout>;

const HEIGHTS: Record<WireframeLayout["regions"][number]["kind"], number> = {
  header: 64,
  nav: 48,
  main: 0,
  sidebar: 0,
  footer: 56,
  tabbar: 64,
};

const REGION = { fill: "#f3f5f4", stroke: "#8a948f" };
const ROW = { fill: "#ffffff", stroke: "#c4cbc7" };

/**
 * Lays regions out top to bottom; main (and a sidebar beside it on desktop) takes the rest. Items
 * are rows, actions are filled buttons (on the header's right, at the bottom elsewhere), and a tab
 * bar's entries sit side by side with the active one highlighted. One layout serves the page, the
 * HTML export (SVG) and the PDF (lib/drawing.ts).
 */
export function wireframeDrawing(layout: WireframeLayout): Drawing {
  const width = layout.viewport === "mobile" ? 375 : 1024;
  const height = layout.viewport === "mobile" ? 720 : 640;
  const fixed = layout.regions.filter((r) => HEIGHTS[r.kind] > 0).reduce((n, r) => n + HEIGHTS[r.kind], 0);
  const flexible = Math.max(160, height - fixed);
  const sidebar = layout.viewport === "desktop" && layout.regions.some((r) => r.kind === "sidebar");
  const items: Drawing["items"] = [];
  let y = 0;
  for (const r of layout.regions) {
    if (r.kind === "sidebar") continue;
    const h = HEIGHTS[r.kind] || flexible;
    const x = r.kind === "main" && sidebar ? 240 : 0;
    const w = width - x;
    items.push({ kind: "box", x: x + 4, y: y + 4, w: w - 8, h: h - 8, shape: "round", ...REGION });
    const bar = r.kind === "tabbar" || r.kind === "nav";
    if (bar && r.items.length) {
      const step = (w - 16) / r.items.length;
      r.items.forEach((item, i) => {
        const on = item === r.active;
        items.push({
          kind: "box",
          x: x + 8 + i * step + 2,
          y: y + 10,
          w: step - 4,
          h: h - 20,
          shape: "round",
          fill: on ? "#27b08b" : "#ffffff",
          stroke: ROW.stroke,
          text: [item.slice(0, 18)],
          size: 12,
          bold: on,
        });
      });
    } else {
      items.push({ kind: "text", x: x + 16, y: y + 28, text: r.label, size: 14, bold: true });
      r.items.forEach((item, i) => {
        const iy = y + 48 + i * 32;
        if (iy + 24 > y + h - (r.actions?.length ? 48 : 0)) return;
        items.push({
          kind: "box",
          x: x + 16,
          y: iy,
          w: w - 32,
          h: 24,
          shape: "rect",
          ...ROW,
          text: [item],
          align: "left",
          size: 12,
        });
      });
    }
    (r.actions ?? []).forEach((action, i, all) => {
      const bw = Math.min(150, (w - 32) / all.length - 8);
      const bx = r.kind === "header" ? x + w - 16 - (all.length - i) * (bw + 8) : x + 16 + i * (bw + 8);
      const by = r.kind === "header" ? y + 14 : y + h - 48;
      items.push({
        kind: "box",
        x: bx,
        y: by,
        w: bw,
        h: 32,
        shape: "pill",
        fill: "#1b1f1d",
        stroke: "#1b1f1d",
        text: [action.slice(0, 22)],
        textColor: "#ffffff",
        size: 12,
      });
    });
    if (r.kind === "main" && sidebar) {
      const side = layout.regions.find((s) => s.kind === "sidebar")!;
      items.push({
        kind: "box",
        x: 4,
        y: y + 4,
        w: 228,
        h: h - 8,
        shape: "round",
        fill: "#e8ecea",
        stroke: REGION.stroke,
      });
      items.push({ kind: "text", x: 16, y: y + 28, text: side.label, size: 14, bold: true });
      side.items.forEach((item, i) => {
        items.push({
          kind: "text",
          x: 16,
          y: y + 56 + i * 24,
          text: item,
          size: 12,
          bold: item === side.active,
        });
      });
    }
    y += h;
  }
  return { width, height: Math.max(y, 200), title: `Wireframe: ${layout.screen}`, items };
}

export const wireframeSvg = (layout: WireframeLayout): string => drawingSvg(wireframeDrawing(layout));

/** A ```wireframe block's layout, or undefined when it is not valid JSON of the layout's shape. */
export function parseWireframe(content: string): WireframeLayout | undefined {
  try {
    const parsed = WireframeLayout.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Markdown fence renderer for ```wireframe blocks: valid layouts become SVG, anything else stays code. */
export function renderWireframeFence(content: string): string | undefined {
  const layout = parseWireframe(content);
  return layout && wireframeSvg(layout);
}
