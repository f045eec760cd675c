import { describe, expect, it } from "vitest";
import { ARTIFACT_TYPES, ARTIFACTS } from "../../pipeline/catalogue";
import { KB, kbEntry, searchKb } from ".";

describe("the knowledge base", () => {
  it("has a few dozen entries with unique, link-safe ids and a template for every artifact type", () => {
    expect(KB.length).toBeGreaterThanOrEqual(40);
    expect(new Set(KB.map((e) => e.id)).size).toBe(KB.length);
    for (const e of KB) expect(e.id, e.id).toMatch(/^(methods|guidance|templates)\/[a-z0-9-]+$/);
    for (const type of ARTIFACT_TYPES) {
      const template = kbEntry(`templates/${type}`);
      expect(template?.body, type).toContain(
        `Sections: ${ARTIFACTS[type].outline.map((s) => s.title).join("; ")}.`,
      );
    }
  });

  it("ranks entries by the words of the query, ignoring case, plurals and filler words", () => {
    expect(
      searchKb("How do I make PERSONAS?")
        .slice(0, 2)
        .map((e) => e.id)
        .sort(),
    ).toEqual(["methods/personas", "templates/personas"]);
    expect(
      searchKb("competitor analysis")
        .slice(0, 2)
        .map((e) => e.id),
    ).toEqual(expect.arrayContaining(["methods/competitive-analysis"]));
    expect(searchKb("the of and")).toEqual([]);
    expect(searchKb("xylophone")).toEqual([]);
  });
});
