/**
 * Wireframes as a structured layout (JSON in the artifact body) and its rendering to SVG. The
 * layout is data, so a model or a person can edit it; the SVG is always made by this code, so every
 * label in it is escaped text.
 */
import { z } from "zod";

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

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const HEIGHTS: Record<WireframeLayout["regions"][number]["kind"], number> = {
  header: 64,
  nav: 48,
  main: 0,
  sidebar: 0,
  footer: 56,
  tabbar: 64,
};

/** Lays regions out top to bottom; main (and a sidebar beside it on desktop) takes the rest. */
export function wireframeSvg(layout: WireframeLayout): string {
  const width = layout.viewport === "mobile" ? 375 : 1024;
  const height = layout.viewport === "mobile" ? 720 : 640;
  const fixed = layout.regions.filter((r) => HEIGHTS[r.kind] > 0).reduce((n, r) => n + HEIGHTS[r.kind], 0);
  const flexible = Math.max(160, height - fixed);
  const sidebar = layout.viewport === "desktop" && layout.regions.some((r) => r.kind === "sidebar");
  const parts: string[] = [];
  let y = 0;
  for (const r of layout.regions) {
    if (r.kind === "sidebar") continue;
    const h = HEIGHTS[r.kind] || flexible;
    const x = r.kind === "main" && sidebar ? 240 : 0;
    const w = width - x;
    parts.push(
      `<rect x="${x + 4}" y="${y + 4}" width="${w - 8}" height="${h - 8}" rx="8" fill="#f3f5f4" stroke="#8a948f"/>`,
    );
    const bar = r.kind === "tabbar" || r.kind === "nav";
    if (bar && r.items.length) {
      // Navigation entries side by side, the active one filled.
      const step = (w - 16) / r.items.length;
      r.items.forEach((item, i) => {
        const on = item === r.active;
        parts.push(
          `<rect x="${x + 8 + i * step + 2}" y="${y + 10}" width="${step - 4}" height="${h - 20}" rx="6" fill="${on ? "#27b08b" : "#fff"}" stroke="#c4cbc7"/>`,
        );
        parts.push(
          `<text x="${x + 8 + i * step + step / 2}" y="${y + h / 2 + 4}" font-size="12" text-anchor="middle"${on ? ' font-weight="600"' : ""}>${esc(item.slice(0, 18))}</text>`,
        );
      });
    } else {
      parts.push(`<text x="${x + 16}" y="${y + 28}" font-size="14" font-weight="600">${esc(r.label)}</text>`);
      r.items.forEach((item, i) => {
        const iy = y + 48 + i * 32;
        if (iy + 24 > y + h - (r.actions?.length ? 48 : 0)) return;
        parts.push(
          `<rect x="${x + 16}" y="${iy}" width="${w - 32}" height="24" rx="4" fill="#fff" stroke="#c4cbc7"/>`,
        );
        parts.push(`<text x="${x + 24}" y="${iy + 16}" font-size="12">${esc(item)}</text>`);
      });
    }
    // Actions as buttons: on the header's right, at the bottom of other regions.
    (r.actions ?? []).forEach((action, i, all) => {
      const bw = Math.min(150, (w - 32) / all.length - 8);
      const bx = r.kind === "header" ? x + w - 16 - (all.length - i) * (bw + 8) : x + 16 + i * (bw + 8);
      const by = r.kind === "header" ? y + 14 : y + h - 48;
      parts.push(`<rect x="${bx}" y="${by}" width="${bw}" height="32" rx="16" fill="#1b1f1d"/>`);
      parts.push(
        `<text x="${bx + bw / 2}" y="${by + 20}" font-size="12" fill="#fff" text-anchor="middle">${esc(action.slice(0, 22))}</text>`,
      );
    });
    if (r.kind === "main" && sidebar) {
      const side = layout.regions.find((s) => s.kind === "sidebar")!;
      parts.push(
        `<rect x="4" y="${y + 4}" width="228" height="${h - 8}" rx="8" fill="#e8ecea" stroke="#8a948f"/>`,
      );
      parts.push(`<text x="16" y="${y + 28}" font-size="14" font-weight="600">${esc(side.label)}</text>`);
      for (const [i, item] of side.items.entries())
        parts.push(`<text x="16" y="${y + 56 + i * 24}" font-size="12">${esc(item)}</text>`);
    }
    y += h;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${Math.max(y, 200)}" width="${width}" height="${Math.max(y, 200)}" font-family="system-ui,sans-serif" role="img" aria-label="${esc(`Wireframe: ${layout.screen}`)}"><title>${esc(`Wireframe: ${layout.screen}`)}</title>${parts.join("")}</svg>`;
}

/** Markdown fence renderer for ```wireframe blocks: valid layouts become SVG, anything else stays code. */
export function renderWireframeFence(content: string): string | undefined {
  try {
    const parsed = WireframeLayout.safeParse(JSON.parse(content));
    return parsed.success ? wireframeSvg(parsed.data) : undefined;
  } catch {
    return undefined;
  }
}
