/**
 * What a library search asks of the full-text index, bounded. FTS5 reads each term's entries across
 * the whole index (every user's artifacts; the owner is a column filter inside the same match), and
 * a prefix merges the entries of every word it begins: on 20,000 artifacts a 200-character search of
 * 100 one-letter prefixes kept D1 busy for 3.0 s (all terms) to 6.2 s (any term), during which the
 * database answers no one else; within these bounds the worst takes about 50 ms (bench:heavy,
 * docs/PERFORMANCE.md "Heavy paths").
 */

/** The most words a search may have. */
export const MAX_SEARCH_TERMS = 8;

/**
 * Words shorter than this match whole words only ("ux", "faq", "api"); longer ones also match the
 * words they begin ("pers" finds "persona" and "personas"). A prefix of one to three letters merges
 * the entries of hundreds of words.
 */
export const MIN_PREFIX_LENGTH = 4;

/**
 * The words of a search, split where the index's tokenizer (unicode61) splits text: at anything but
 * a letter or a digit. So "user-flow" is two words, as the index holds it, a prefix is never shorter
 * than the word it is counted on, and no FTS syntax (quotes, colons, stars) survives.
 */
export const searchWords = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * The FTS5 match for one owner's artifacts: every word (or with `anyTerm` any one of them). Words are
 * quoted, so AND, NEAR or OR typed by a user are searched as words, never run. More
 * than MAX_SEARCH_TERMS words are refused by the API's schema; a longer any-term search (research
 * queries are sentences) keeps its longest words, which carry the most meaning.
 */
export function ftsMatch(ownerId: string, text: string, anyTerm = false): string {
  let words = [...new Set(searchWords(text))];
  if (words.length > MAX_SEARCH_TERMS)
    words = anyTerm
      ? [...words].sort((a, b) => b.length - a.length).slice(0, MAX_SEARCH_TERMS)
      : words.slice(0, MAX_SEARCH_TERMS);
  const terms = words.map((w) => (w.length >= MIN_PREFIX_LENGTH ? `"${w}"*` : `"${w}"`));
  return `owner:"${ownerId}" AND (${terms.join(anyTerm ? " OR " : " AND ")})`;
}
