/**
 * Colour and type for the brand and the design system: a palette read from the colours the user
 * named (or proposed from the project's kind), with WCAG 2.x contrast ratios computed, never
 * guessed; and a type scale.
 */
import { text } from "./doc";
import type { WriterContext } from "./context";

/** Colour words and a representative hex for each; longer names first so "dark green" beats "green". */
const COLOURS: readonly [RegExp, string, string][] = [
  [/fresh greens?|leaf green/i, "Fresh green", "#3BA55C"],
  [/dark greens?|forest/i, "Forest green", "#1F5F3F"],
  [/sage/i, "Sage", "#9CAF88"],
  [/mint/i, "Mint", "#A8E6CF"],
  [/olive/i, "Olive", "#6B7F3A"],
  [/teal|turquoise/i, "Teal", "#14877D"],
  [/greens?\b/i, "Green", "#2E8B57"],
  [/navy/i, "Navy", "#1E3A5F"],
  [/sky|light blue/i, "Sky blue", "#7CC4F4"],
  [/blues?\b/i, "Blue", "#2563EB"],
  [/terracotta|rust/i, "Terracotta", "#C8553D"],
  [/coral/i, "Coral", "#FF7F61"],
  [/oranges?\b/i, "Orange", "#F28C28"],
  [/gold|mustard/i, "Mustard", "#C9A227"],
  [/yellows?\b/i, "Yellow", "#F2C94C"],
  [/burgundy|wine/i, "Burgundy", "#7A1F3D"],
  [/reds?\b/i, "Red", "#D64545"],
  [/pink|blush/i, "Blush pink", "#E86FA0"],
  [/lavender|lilac/i, "Lavender", "#B8A1E3"],
  [/purple|violet/i, "Purple", "#7B4BB7"],
  [/brown|chocolate|coffee/i, "Brown", "#8B5E3C"],
  [/cream|beige|sand|ivory/i, "Cream", "#F5EBDD"],
  [/charcoal|black/i, "Charcoal", "#222222"],
  [/gr[ae]y/i, "Grey", "#8A8F98"],
];

export const INK = "#1B1F1D";
export const PAPER = "#FFFFFF";

function channel(v: number) {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (WCAG 2.x) of a #RRGGBB colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const ratio = (n: number) => `${(Math.floor(n * 100) / 100).toFixed(2)}:1`;

/** The colour darkened in small steps until it reaches `target` against white: a text-safe shade. */
export function darkenTo(hex: string, target = 4.5): string {
  const n = Number.parseInt(hex.slice(1), 16);
  let [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  for (let i = 0; i < 40 && contrast(toHex(r, g, b), PAPER) < target; i++) {
    [r, g, b] = [r, g, b].map((c) => Math.round(c * 0.94)) as [number, number, number];
  }
  return toHex(r, g, b);
}
const toHex = (r: number, g: number, b: number) =>
  `#${[r, g, b]
    .map((c) => c.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase()}`;

export interface Swatch {
  token: string;
  name: string;
  hex: string;
  use: string;
  proposed: boolean;
}

/** Colours the user named, in their order; the kind's defaults fill up to two brand colours. */
export function namedColours(ctx: WriterContext): [string, string][] {
  const said = text(ctx.facts.visualIdentity) ?? "";
  // Colours after "avoid"/"no" are not wanted.
  const wanted = said.split(/\b(?:avoid|no|not|never|without)\b/i)[0]!;
  const found: [number, string, string][] = [];
  let rest = wanted;
  for (const [re, name, hex] of COLOURS) {
    const m = re.exec(rest);
    if (m) {
      found.push([m.index, name, hex]);
      rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, n, h]) => [n, h]);
}

export function palette(ctx: WriterContext): Swatch[] {
  const named = namedColours(ctx);
  const brand = [
    ...named.map((c) => ({ c, proposed: false })),
    ...ctx.k.palette
      .filter((p) => p.role === "primary" || p.role === "secondary" || p.role === "accent")
      .map((p) => ({ c: [p.name, p.hex] as [string, string], proposed: true })),
  ]
    .filter((x, i, all) => all.findIndex((y) => y.c[1] === x.c[1]) === i)
    .slice(0, Math.max(2, Math.min(3, named.length)));
  const [primary, secondary, accent] = brand;
  const out: Swatch[] = [
    {
      token: "primary",
      name: primary!.c[0],
      hex: primary!.c[1],
      use: "Brand colour: buttons, links, highlights",
      proposed: primary!.proposed,
    },
  ];
  if (contrast(primary!.c[1], PAPER) < 4.5)
    out.push({
      token: "primary-text",
      name: `${primary!.c[0]}, deep`,
      hex: darkenTo(primary!.c[1]),
      use: "Primary as text or on-white buttons (text-safe shade)",
      proposed: true,
    });
  out.push({
    token: "secondary",
    name: secondary!.c[0],
    hex: secondary!.c[1],
    use: "Secondary surfaces, illustrations",
    proposed: secondary!.proposed,
  });
  if (accent)
    out.push({
      token: "accent",
      name: accent.c[0],
      hex: accent.c[1],
      use: "Accents: badges, small highlights",
      proposed: accent.proposed,
    });
  out.push(
    { token: "ink", name: "Ink", hex: INK, use: "Body text", proposed: true },
    { token: "surface", name: "Paper", hex: PAPER, use: "Backgrounds", proposed: true },
    { token: "muted", name: "Mist", hex: "#F3F5F4", use: "Cards, secondary backgrounds", proposed: true },
    { token: "danger", name: "Alert red", hex: "#B3261E", use: "Errors", proposed: true },
  );
  return out;
}

export interface TypeStep {
  token: string;
  px: number;
  line: number;
  use: string;
}

/** A 1.25 (major third) scale from 16 px, rounded to whole pixels, line heights on a 4 px grid. */
export function typeScale(_ctx: WriterContext): TypeStep[] {
  const steps: [string, number, string][] = [
    ["caption", -1, "Captions, labels"],
    ["body", 0, "Body text"],
    ["h4", 1, "Small headings, card titles"],
    ["h3", 2, "Section headings"],
    ["h2", 3, "Page titles"],
    ["h1", 4, "Hero and display"],
  ];
  return steps.map(([token, k, use]) => {
    const px = Math.round(16 * 1.25 ** k);
    return { token, px, line: Math.ceil((px * (k > 1 ? 1.25 : 1.5)) / 4) * 4, use };
  });
}

/** Typefaces that fit the words used for the visual identity; free (Google Fonts) families. */
export function typefaces(ctx: WriterContext): {
  heading: string;
  body: string;
  why: string;
  proposed: boolean;
} {
  const said = (text(ctx.facts.visualIdentity) ?? "").toLowerCase();
  if (/rounded/.test(said))
    return {
      heading: "Nunito",
      body: "Nunito Sans",
      why: "rounded, as you asked; friendly at small sizes",
      proposed: false,
    };
  if (/serif/.test(said) && !/sans/.test(said))
    return {
      heading: "Fraunces",
      body: "Source Serif 4",
      why: "a serif, as you asked; readable at body sizes",
      proposed: false,
    };
  if (/geometric/.test(said))
    return { heading: "Poppins", body: "Inter", why: "geometric headings, neutral body", proposed: false };
  if (/hand|script|handwrit/.test(said))
    return {
      heading: "Caveat (accents only)",
      body: "Inter",
      why: "a hand-written touch for accents, a plain sans for reading",
      proposed: true,
    };
  if (/sans/.test(said))
    return { heading: "Inter", body: "Inter", why: "a sans-serif, as you asked", proposed: false };
  return ctx.kind === "shop"
    ? {
        heading: "Fraunces",
        body: "Inter",
        why: "a warm serif for product names, a plain sans for reading",
        proposed: true,
      }
    : { heading: "Inter", body: "Inter", why: "one neutral family keeps the interface calm", proposed: true };
}
