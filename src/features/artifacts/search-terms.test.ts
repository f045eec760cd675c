import { describe, expect, it } from "vitest";
import { ftsMatch, MAX_SEARCH_TERMS } from "./search-terms";

describe("the full-text match a search becomes", () => {
  it("quotes every word, scoped to the owner, with a prefix only from four letters", () => {
    expect(ftsMatch("u1", 'ux "pers" owner:x')).toBe(
      'owner:"u1" AND ("ux" AND "pers"* AND "owner"* AND "x")',
    );
    // Split as the index splits text: no short prefix hides at the end of a longer word.
    expect(ftsMatch("u1", "zzzz-a user-flow*")).toBe(
      'owner:"u1" AND ("zzzz"* AND "a" AND "user"* AND "flow"*)',
    );
    expect(ftsMatch("u1", "faq api", true)).toBe('owner:"u1" AND ("faq" OR "api")');
  });

  it("keeps an any-term search to its longest words, and an all-terms one to its first", () => {
    const sentence = "how do we run a usability test for checkout with older shoppers on phones";
    const any = ftsMatch("u1", sentence, true);
    expect(any.match(/"/g)!.length / 2 - 1).toBe(MAX_SEARCH_TERMS);
    for (const kept of ["usability", "checkout", "shoppers", "phones", "older"])
      expect(any).toContain(`"${kept}"`);
    expect(any).not.toContain('"a"');
    expect(ftsMatch("u1", "a b c d e f g h i j")).toBe(
      'owner:"u1" AND ("a" AND "b" AND "c" AND "d" AND "e" AND "f" AND "g" AND "h")',
    );
  });
});
