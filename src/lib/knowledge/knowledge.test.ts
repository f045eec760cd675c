import { describe, expect, it } from "vitest";
import { generalAnswer, inferKind, isSoftware, kindKnowledge, PROJECT_KINDS } from ".";

describe("the UX knowledge base", () => {
  it("has substance for every kind: metrics, pains, competitors, pricing, screens, brand, launch", () => {
    for (const kind of PROJECT_KINDS) {
      const k = kindKnowledge(kind);
      expect(k.kind).toBe(kind);
      expect(k.metrics.length, kind).toBeGreaterThanOrEqual(4);
      expect(k.painPoints.length, kind).toBeGreaterThanOrEqual(4);
      expect(k.competitorCategories.length, kind).toBeGreaterThanOrEqual(3);
      expect(k.pricingPatterns.length, kind).toBeGreaterThanOrEqual(3);
      expect(k.screens.length, kind).toBeGreaterThanOrEqual(5);
      expect(k.artifactsFirst.investors.length, kind).toBeGreaterThan(0);
      expect(k.artifactsFirst.developers.length, kind).toBeGreaterThan(0);
      expect(k.brand.values.length, kind).toBeGreaterThanOrEqual(3);
      expect(k.brand.voiceExamples.length, kind).toBeGreaterThanOrEqual(3);
      for (const swatch of k.brand.palette) expect(swatch.hex, kind).toMatch(/^#[0-9A-F]{6}$/);
      expect(k.launchPhases.length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it("does not treat a shop, a newsletter, a service or a physical product as software", () => {
    expect(PROJECT_KINDS.filter(isSoftware)).toEqual(["software", "subscription-app", "marketplace"]);
  });

  it("infers the kind from how people describe their project", () => {
    const kind = (text: string) => inferKind(text)?.kind;
    expect(kind("I'm building a habit tracker app, $4.99/month with a free trial")).toBe("subscription-app");
    expect(kind("I run a small online shop selling hand-poured candles")).toBe("shop");
    expect(kind("It's a weekly newsletter about climate tech for investors")).toBe("content");
    expect(kind("A platform that connects dog owners with local sitters, we take a commission")).toBe(
      "marketplace",
    );
    expect(kind("We're a two-person design studio and want more clients")).toBe("service");
    expect(kind("a reusable bottle we want to manufacture and crowdfund on Kickstarter")).toBe(
      "physical-product",
    );
    expect(kind("A mobile app to split grocery bills")).toBe("software");
    expect(inferKind("hello there")).toBeUndefined();
    // "apply" is not "app", "storeroom" is not "store".
    expect(inferKind("we apply paint in the storeroom")).toBeUndefined();
  });

  it("answers general UX questions with the topic they are about", () => {
    expect(generalAnswer("what's the difference between a PRD and an FRD?")?.id).toBe("prd");
    expect(generalAnswer("How many personas do I need?")?.id).toBe("persona");
    expect(generalAnswer("what should the MVP include?")?.id).toBe("mvp");
    expect(generalAnswer("how do I make it accessible?")?.id).toBe("accessibility");
    expect(generalAnswer("what time is it?")).toBeUndefined();
  });
});
