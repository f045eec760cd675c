/**
 * What a provider says is untrusted text: it reaches a page, a chat message and an artifact only
 * through here. Text loses its markup (entities decoded first, so an encoded tag is removed too),
 * control and bidirectional-override characters (which can disguise text) and extra whitespace, and
 * is cut to a length; a URL must be absolute http(s) without credentials, and its parentheses are
 * encoded so it cannot end a Markdown link early. A hit without a usable URL is dropped.
 */
import type { SearchHit } from "./port";

export const MAX_TITLE = 200;
export const MAX_SNIPPET = 500;
export const MAX_URL = 2048;

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] !== "#") return NAMED[code.toLowerCase()] ?? whole;
    const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1));
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "";
  });
}

const TAG = /<\/?[a-z!?][^<>]*>?/gi;
// C0/C1 controls, zero-width characters and the bidi embedding, override and isolate controls.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Plain, single-line text of at most `max` characters. */
export function cleanText(value: unknown, max: number): string {
  if (typeof value !== "string") return "";
  const text = decodeEntities(value).replace(TAG, " ").replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** An absolute http(s) URL without credentials, or undefined. */
export function cleanUrl(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > MAX_URL) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password)
    return undefined;
  const href = url.href.replace(/\(/g, "%28").replace(/\)/g, "%29");
  return href.length <= MAX_URL ? href : undefined;
}

/** Keeps the safe, distinct hits, at most `limit`. */
export function cleanHits(
  raw: readonly { title?: unknown; url?: unknown; snippet?: unknown; source: string }[],
  limit: number,
): SearchHit[] {
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const r of raw) {
    const url = cleanUrl(r.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({
      title: cleanText(r.title, MAX_TITLE) || new URL(url).hostname,
      url,
      snippet: cleanText(r.snippet, MAX_SNIPPET),
      source: cleanText(r.source, 60),
    });
    if (out.length >= limit) break;
  }
  return out;
}
