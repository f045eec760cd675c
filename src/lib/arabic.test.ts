import { describe, expect, it } from "vitest";
import { ARABIC_SOURCE, shapeArabic, visualOrder } from "./arabic";

describe("Arabic for the PDF writer", () => {
  it("gives each letter its contextual form and joins lam-alef", () => {
    // seen initial, lam-alef final (joined to seen), meem isolated (alef does not join left)
    expect(shapeArabic("سلام")).toBe("\ufeb3\ufefc\ufee1");
    // beh initial, teh medial, meem final
    expect(shapeArabic("بتم")).toBe("\ufe91\ufe98\ufee2");
    expect(shapeArabic("Café Zoë")).toBe("Café Zoë");
  });

  it("maps the forms back to the letters they stand for", () => {
    expect([...shapeArabic("سلام")].map((c) => ARABIC_SOURCE.get(c.codePointAt(0)!)).join("")).toBe("سلام");
  });

  it("reverses right-to-left runs and leaves the Latin around them", () => {
    expect(visualOrder("in سلام today")).toBe("in مالس today");
    expect(visualOrder("ab")).toBe("ab");
  });
});
