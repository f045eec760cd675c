/**
 * The knowledge base: UX methods, guidance, practice notes per kind of project and artifact
 * templates bundled with the Worker, searched in memory. Ranking is plain term overlap (title 3,
 * tags 2, body 1, with prefix matches), which is enough for a few dozen short entries and needs no
 * index. For a known kind of project, notes written for other kinds are left out and its own rank
 * higher.
 */
import { kindKnowledge } from "../../../lib/knowledge";
import { PROJECT_KINDS, type ProjectKind } from "../../../lib/knowledge/types";
import { METHODS } from "./methods";
import { PRACTICE } from "./practice";
import { TEMPLATES } from "./templates";
import type { KbEntry } from "./types";

export const KB: readonly KbEntry[] = [...METHODS, ...PRACTICE, ...TEMPLATES];
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

/**
 * The kind a query names the way the guide's stage queries do ("…: Online sales stall (shop)",
 * pipeline/research.ts stageQuery), so the research job, which has only the query, ranks for it.
 */
export function kindOfQuery(query: string): ProjectKind | undefined {
  const named = /\(([^()]+)\)\s*$/.exec(query)?.[1]?.trim().toLowerCase();
  return named ? PROJECT_KINDS.find((k) => kindKnowledge(k).label === named) : undefined;
}

/** Bonus for a note written for the project's kind: it beats a general note matching as well. */
const KIND_BONUS = 3;

/** Entries matching any term of the query, best first; for a kind, none written for other kinds. */
export function searchKb(query: string, kind: ProjectKind | undefined = kindOfQuery(query)): KbEntry[] {
  const q = terms(query);
  if (!q.length) return [];
  return fields
    .filter((f) => !kind || !f.entry.kinds || f.entry.kinds.includes(kind))
    .map((f) => ({
      entry: f.entry,
      score:
        3 * overlap(q, f.title) +
        2 * overlap(q, f.tags) +
        overlap(q, f.body) +
        (kind && f.entry.kinds ? KIND_BONUS : 0),
    }))
    .filter((r) => r.score > KIND_BONUS || (r.score > 0 && !(kind && r.entry.kinds)))
    .sort((a, b) => b.score - a.score || a.entry.title.localeCompare(b.entry.title))
    .map((r) => r.entry);
}
