import { describe, expect, it } from "vitest";
import { ARTIFACT_TYPES, ARTIFACTS } from "../../pipeline/catalogue";
import { KB, kbEntry, kindOfQuery, searchKb } from ".";

describe("the knowledge base", () => {
  it("has a few dozen entries with unique, link-safe ids and a template for every artifact type", () => {
    expect(KB.length).toBeGreaterThanOrEqual(40);
    expect(new Set(KB.map((e) => e.id)).size).toBe(KB.length);
    for (const e of KB) expect(e.id, e.id).toMatch(/^(methods|guidance|practice|templates)\/[a-z0-9-]+$/);
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

  it("ranks notes for the project's kind first and leaves out those written for other kinds", () => {
    const shop = "Target audience and personas: online sales stall for women who buy gifts (shop)";
    expect(kindOfQuery(shop)).toBe("shop");
    const forShop = searchKb(shop).map((e) => e.id);
    expect(forShop[0]).toBe("practice/seasonal-campaigns");
    expect(forShop.slice(0, 3)).toContain("practice/product-pages");
    expect(forShop).not.toContain("practice/onboarding-activation");

    const app = "Target audience and personas: busy parents forget what is in the fridge (subscription app)";
    expect(kindOfQuery(app)).toBe("subscription-app");
    const forApp = searchKb(app).map((e) => e.id);
    expect(forApp.slice(0, 3)).toContain("methods/personas");
    expect(forApp).toContain("practice/onboarding-activation");
    expect(
      forApp.filter((id) => kbEntry(id)?.kinds && !kbEntry(id)!.kinds!.includes("subscription-app")),
    ).toEqual([]);

    // Without a kind, nothing is left out; a note for a kind does not come up on its bonus alone.
    expect(kindOfQuery("checkout shipping costs")).toBeUndefined();
    expect(searchKb("checkout shipping costs")[0]!.id).toBe("practice/checkout-costs");
    expect(searchKb("xylophone", "shop")).toEqual([]);
  });
});
