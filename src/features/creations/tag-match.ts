/**
 * What a typed tag matches in gallery search: the tag itself, used tags it is the start of ("rest"
 * finds "restaurant"), and used tags within one edit of it ("resturant" finds "restaurant"). Every
 * step reads a bounded slice of an index (see PREFIX_SCAN, NEAR_SCAN), never the whole tag table.
 */
import type { Database } from "../../lib/db";
import { tagsSpelledLike, tagsWithPrefix } from "./queries";
import { spellings, withinOneEdit } from "./spelling";

/** A search lists the creations of at most this many tags (one index walk each). */
export const MATCHED_TAGS = 5;
/** Names read from the prefix range, in name order, before the most used are kept. */
const PREFIX_SCAN = 50;
/** Candidates read from the spelling index before the true near spellings are kept. */
const NEAR_SCAN = 30;
/** Below this length one edit changes too much of a name ("cat" would find "car" and "bat"). */
const NEAR_MIN_LENGTH = 4;

type Used = { name: string; count: number };
const byUse = (a: Used, b: Used) => b.count - a.count || (a.name < b.name ? -1 : 1);

/** The tag names a search for `typed` (already a normal tag) covers, best first; empty when none. */
export async function matchTags(db: Database, typed: string): Promise<string[]> {
  const [prefixed, near] = await Promise.all([
    tagsWithPrefix(db, { prefix: typed, scan: PREFIX_SCAN }),
    typed.length >= NEAR_MIN_LENGTH
      ? tagsSpelledLike(db, { forms: spellings(typed), scan: NEAR_SCAN })
      : Promise.resolve([]),
  ]);
  const exact = prefixed.filter((t) => t.name === typed);
  const starts = prefixed.filter((t) => t.name !== typed).sort(byUse);
  const close = near.filter((t) => t.name !== typed && withinOneEdit(t.name, typed)).sort(byUse);
  const names = [...exact, ...starts, ...close].map((t) => t.name);
  return [...new Set(names)].slice(0, MATCHED_TAGS);
}

/**
 * One page over several tags' pages: each list is that tag's rows after the cursor in (key DESC,
 * id DESC) order, at least `take` long when more exist, so the first `take` of their union are the
 * page. A creation carrying two matched tags comes once (its sort keys are the same under both).
 */
export function mergePages<R extends { id: string }>(
  lists: R[][],
  key: (r: R) => number | undefined,
  take: number,
): R[] {
  const seen = new Map<string, R>();
  for (const r of lists.flat()) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()]
    .sort((a, b) => (key(b) ?? 0) - (key(a) ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, take);
}
