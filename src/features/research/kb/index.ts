/**
 * The knowledge base: UX methods, guidance and artifact templates bundled with the Worker, searched
 * in memory. Ranking is plain term overlap (title 3, tags 2, body 1, with prefix matches), which is
 * enough for a few dozen short entries and needs no index.
 */
import { METHODS } from "./methods";
import { TEMPLATES } from "./templates";
import type { KbEntry } from "./types";

export const KB: readonly KbEntry[] = [...METHODS, ...TEMPLATES];
const byId = new Map(KB.map((e) => [e.id, e]));

export const kbEntry = (id: string): KbEntry | undefined => byId.get(id);

const STOPWORDS = new Set(
  "a an and are as at be by for from how i in is it my of on or our the their them they this to we what when who why with you your".split(
    " ",
  ),
);

/** Lower-case words that carry meaning, stemmed crudely so "personas" finds "persona". */
export function terms(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/);
  return [
    ...new Set(
      words
        .filter((w) => w.length > 1 && !STOPWORDS.has(w))
        .map((w) => w.replace(/(?:ies)$/, "y").replace(/(?<=[a-z]{3})s$/, "")),
    ),
  ];
}

const fields = KB.map((e) => ({
  entry: e,
  title: terms(e.title),
  tags: terms(e.tags.join(" ")),
  body: terms(e.body),
}));

const overlap = (query: string[], words: string[]) =>
  query.filter((q) => words.some((w) => w === q || (q.length >= 4 && w.startsWith(q)))).length;

/** Entries matching any term of the query, best first. */
export function searchKb(query: string): KbEntry[] {
  const q = terms(query);
  if (!q.length) return [];
  return fields
    .map((f) => ({
      entry: f.entry,
      score: 3 * overlap(q, f.title) + 2 * overlap(q, f.tags) + overlap(q, f.body),
    }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.title.localeCompare(b.entry.title))
    .map((r) => r.entry);
}
