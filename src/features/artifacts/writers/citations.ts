/**
 * Citations that support what they are attached to. A research result is cited as [n] after the one
 * line of the document it supports best, and only when the line and the source share enough
 * meaningful words (their subject, not words every document uses); a result that supports no line
 * is not cited at all, so the References list holds only sources the text relies on. Notes of the
 * knowledge base written for other kinds of project (a checkout note for a newsletter) never count.
 * Numbers follow the order the citations appear in.
 */
import type { ProjectKind } from "../../../lib/knowledge/types";
import { kbEntry, terms } from "../../research/kb";
import { KB_URL_PREFIX } from "../../research/kb/types";
import type { Reference } from "../../research/references";
import type { DocSection } from "./doc";

/**
 * Words too common in artifacts and sources to say what a line is about (the kind of project
 * among them: a shop's documents all say "shop"). With them, any method note would "support" any
 * sentence that mentions people or a product.
 */
const GENERIC = new Set(
  terms(
    "user users people person product products design team teams research make makes use used using one two three five more most time times first good new what they their can will like need needs help work get want each every also than only before after about into over your them it's its not no do does did is be been being have has had way ways thing things part often many much other same so if then there here just all any some very well show shows find keep write start shop store app software content business service marketplace online sell sells selling sale sales buy buys buying customer customers",
  ),
);

/** A source's words: its title counts double, since it names the subject. */
function sourceWords(ref: Reference): { title: string[]; body: string[] } | undefined {
  let body = `${ref.note ?? ""}`;
  if (ref.url.startsWith(KB_URL_PREFIX)) {
    const entry = kbEntry(ref.url.slice(KB_URL_PREFIX.length));
    if (entry) body = `${entry.tags.join(" ")} ${entry.body}`;
  }
  const title = terms(ref.title).filter((w) => !GENERIC.has(w));
  const rest = terms(body).filter((w) => !GENERIC.has(w) && !title.includes(w));
  return title.length || rest.length ? { title, body: rest } : undefined;
}

const matches = (word: string, line: Set<string>) => {
  if (line.has(word)) return true;
  if (word.length < 5) return false;
  for (const w of line) if (w.length >= 5 && (w.startsWith(word) || word.startsWith(w))) return true;
  return false;
};

/** How well a line supports a source: 2 per title word it shares, 1 per other word. */
function support(words: { title: string[]; body: string[] }, line: Set<string>): number {
  let score = 0;
  for (const w of words.title) if (matches(w, line)) score += 2;
  for (const w of words.body) if (matches(w, line)) score += 1;
  return score;
}

/**
 * Below this, shared words are coincidence: a line must share two words of the source's title (its
 * subject: "forgotten leftovers" and a source on forgotten leftovers), or one and two of its text,
 * or four of its text.
 */
export const MIN_SUPPORT = 4;

/** Lines a citation may follow: prose and list items; not headings, tables, code or the legend. */
const citable = (line: string) =>
  line.trim().length > 20 && !/^\s*(#|\||```|_|>|\[)/.test(line) && !/^\s*\d+\.\s*\[/.test(line);

/** Whether a knowledge-base note fits this kind of project (notes without kinds fit all). */
const fitsKind = (ref: Reference, kind: ProjectKind) => {
  if (!ref.url.startsWith(KB_URL_PREFIX)) return true;
  const kinds = kbEntry(ref.url.slice(KB_URL_PREFIX.length))?.kinds;
  return !kinds || kinds.includes(kind);
};

export interface Cited {
  sections: DocSection[];
  /** The sources cited, in the order of their numbers. */
  cited: Reference[];
}

export function citeWhereSupported(
  sections: DocSection[],
  references: Reference[],
  kind: ProjectKind,
): Cited {
  // Every citable line of the document, with its words (fenced blocks skipped as a whole).
  const lines = sections.map((s) => s.body.split("\n"));
  const candidates: { section: number; line: number; words: Set<string> }[] = [];
  lines.forEach((body, si) => {
    let fence = false;
    body.forEach((text, li) => {
      if (text.trimStart().startsWith("```")) fence = !fence;
      else if (!fence && citable(text))
        candidates.push({ section: si, line: li, words: new Set(terms(text)) });
    });
  });

  const placed: { ref: Reference; at: (typeof candidates)[number] }[] = [];
  for (const ref of references) {
    const words = fitsKind(ref, kind) ? sourceWords(ref) : undefined;
    if (!words) continue;
    let best: { at: (typeof candidates)[number]; score: number } | undefined;
    for (const at of candidates) {
      const score = support(words, at.words);
      if (score >= MIN_SUPPORT && (!best || score > best.score)) best = { at, score };
    }
    if (best) placed.push({ ref, at: best.at });
  }

  // Numbered in reading order; several sources on one line are cited together.
  placed.sort((a, b) => a.at.section - b.at.section || a.at.line - b.at.line);
  const marks = new Map<string, number[]>();
  placed.forEach((p, i) => {
    const key = `${p.at.section}:${p.at.line}`;
    marks.set(key, [...(marks.get(key) ?? []), i + 1]);
  });
  const out = sections.map((s, si) => ({
    ...s,
    body: lines[si]!.map((text, li) => {
      const n = marks.get(`${si}:${li}`);
      return n ? `${text.trimEnd()} ${n.map((k) => `[${k}]`).join(" ")}` : text;
    }).join("\n"),
  }));
  return { sections: out, cited: placed.map((p) => p.ref) };
}
