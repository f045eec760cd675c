/**
 * Arabic for a PDF writer without a shaping engine: each letter takes its contextual form (isolated,
 * final, initial, medial) from Unicode's presentation forms, lam-alef becomes its ligature, and runs
 * of right-to-left text are put in visual order for drawing left to right. It covers the Arabic
 * alphabet and the Persian letters; a full bidi algorithm and mark positioning are out of scope (the
 * marks are kept, drawn on their letter by the font's zero advance).
 */

/** Base letter → presentation forms [isolated, final, initial?, medial?]; two forms = joins right only. */
const FORMS: Record<number, number[]> = {};
const add = (base: number, first: number, count: 2 | 4) => {
  FORMS[base] = Array.from({ length: count }, (_, i) => first + i);
};
FORMS[0x0621] = [0xfe80]; // hamza joins neither side
for (const [base, first] of [
  [0x0622, 0xfe81],
  [0x0623, 0xfe83],
  [0x0624, 0xfe85],
  [0x0625, 0xfe87],
  [0x0627, 0xfe8d],
  [0x0629, 0xfe93],
  [0x062f, 0xfea9],
  [0x0630, 0xfeab],
  [0x0631, 0xfead],
  [0x0632, 0xfeaf],
  [0x0648, 0xfeed],
  [0x0649, 0xfeef],
  [0x0698, 0xfb8a],
] as const)
  add(base, first, 2);
for (const [base, first] of [
  [0x0626, 0xfe89],
  [0x0628, 0xfe8f],
  [0x062a, 0xfe95],
  [0x062b, 0xfe99],
  [0x062c, 0xfe9d],
  [0x062d, 0xfea1],
  [0x062e, 0xfea5],
  [0x0633, 0xfeb1],
  [0x0634, 0xfeb5],
  [0x0635, 0xfeb9],
  [0x0636, 0xfebd],
  [0x0637, 0xfec1],
  [0x0638, 0xfec5],
  [0x0639, 0xfec9],
  [0x063a, 0xfecd],
  [0x0641, 0xfed1],
  [0x0642, 0xfed5],
  [0x0643, 0xfed9],
  [0x0644, 0xfedd],
  [0x0645, 0xfee1],
  [0x0646, 0xfee5],
  [0x0647, 0xfee9],
  [0x064a, 0xfef1],
  [0x067e, 0xfb56],
  [0x0686, 0xfb7a],
  [0x06a9, 0xfb8e],
  [0x06af, 0xfb92],
  [0x06cc, 0xfbfc],
] as const)
  add(base, first, 4);

/** Lam followed by these alefs is one ligature: [isolated, final]. */
const LAM_ALEF: Record<number, [number, number]> = Object.fromEntries([
  [0x0622, [0xfef5, 0xfef6]],
  [0x0623, [0xfef7, 0xfef8]],
  [0x0625, [0xfef9, 0xfefa]],
  [0x0627, [0xfefb, 0xfefc]],
]);
const LAM = 0x0644;
const TATWEEL = 0x0640;

/** Harakat and other marks: they do not break a join. */
const isMark = (cp: number) => (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670;
const joinsBoth = (cp: number) => cp === TATWEEL || (FORMS[cp]?.length ?? 0) === 4;
const joins = (cp: number) => cp === TATWEEL || (cp in FORMS && cp !== 0x0621);

/** What each presentation form stands for, so copied text is the letters, not the forms. */
export const ARABIC_SOURCE = new Map<number, string>();
for (const [base, forms] of Object.entries(FORMS))
  for (const f of forms) ARABIC_SOURCE.set(f, String.fromCodePoint(Number(base)));
for (const [alef, forms] of Object.entries(LAM_ALEF))
  for (const f of forms) ARABIC_SOURCE.set(f, String.fromCodePoint(LAM, Number(alef)));

const hasArabic = (s: string) => /[\u0600-\u06ff]/.test(s);

/** Letters in their contextual forms, in logical order. Text without Arabic comes back as it is. */
export function shapeArabic(text: string): string {
  if (!hasArabic(text)) return text;
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const neighbour = (i: number, step: 1 | -1) => {
    for (let j = i + step; j >= 0 && j < cps.length; j += step) if (!isMark(cps[j]!)) return cps[j];
    return undefined;
  };
  let out = "";
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const forms = FORMS[cp];
    if (!forms) {
      out += String.fromCodePoint(cp);
      continue;
    }
    const prev = neighbour(i, -1);
    const joinsPrev = prev !== undefined && joinsBoth(prev) && cp !== 0x0621;
    const next = neighbour(i, 1);
    if (cp === LAM && next !== undefined && LAM_ALEF[next] && cps[i + 1] === next) {
      out += String.fromCodePoint(LAM_ALEF[next]![joinsPrev ? 1 : 0]);
      i++;
      continue;
    }
    const joinsNext = forms.length === 4 && next !== undefined && joins(next);
    const form = joinsPrev ? (joinsNext ? 3 : 1) : joinsNext ? 2 : 0;
    out += String.fromCodePoint(forms[form]!);
  }
  return out;
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const isRtl = (cp: number) =>
  (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefc);

/**
 * A line in drawing order: each right-to-left run (with the spaces and marks between its letters)
 * reversed, a letter's marks kept after it. Left-to-right text around it stays as it is.
 */
export function visualOrder(line: string): string {
  if (!RTL.test(line)) return line;
  const chars = [...line];
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!isRtl(chars[i]!.codePointAt(0)!)) {
      out.push(chars[i++]!);
      continue;
    }
    // The run ends at the last RTL character before a strong left-to-right one.
    let end = i;
    for (let j = i; j < chars.length; j++) {
      const cp = chars[j]!.codePointAt(0)!;
      if (isRtl(cp)) end = j;
      else if (/\p{L}|\p{N}/u.test(chars[j]!)) break;
    }
    const clusters: string[] = [];
    for (let j = i; j <= end; j++) {
      const cp = chars[j]!.codePointAt(0)!;
      const last = clusters.length - 1;
      if (last >= 0 && (isMark(cp) || /\p{M}/u.test(chars[j]!))) clusters[last] = clusters[last] + chars[j]!;
      else clusters.push(chars[j]!);
    }
    out.push(...clusters.reverse());
    i = end + 1;
  }
  return out.join("");
}
