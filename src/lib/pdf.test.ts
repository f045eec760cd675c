import { describe, expect, it } from "vitest";
import { renderPdf } from "./pdf";

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");

describe("renderPdf", () => {
  it("starts with %PDF, carries the title and has a valid cross-reference table", () => {
    const pdf = latin1(
      renderPdf("Checkout PRD", "# Problem\nPeople abandon carts (a lot).\n\n- Fast\n- Safe"),
    );
    expect(pdf.startsWith("%PDF-1.4")).toBe(true);
    expect(pdf).toContain("/Title (Checkout PRD)");
    expect(pdf).toContain("(People abandon carts \\(a lot\\).) Tj");
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe("xref");
    // Each xref entry points at the start of its object.
    const entries = pdf
      .slice(startxref)
      .split("\n")
      .slice(3)
      .filter((l) => / n $/.test(l));
    for (const [i, e] of entries.entries()) {
      const at = Number(e.slice(0, 10));
      expect(pdf.slice(at, at + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    }
    expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);
  });

  it("breaks long documents into pages", () => {
    const pdf = latin1(
      renderPdf("Long", Array.from({ length: 200 }, (_, i) => `Paragraph ${i}`).join("\n\n")),
    );
    expect(Number(/\/Count (\d+)/.exec(pdf)![1])).toBeGreaterThan(2);
  });

  it("maps typographic characters to WinAnsi and the rest to ?", () => {
    const pdf = renderPdf("Quotes", "“Smart” – café 漢");
    const text = latin1(pdf);
    expect(text).toContain("(\x93Smart\x94 \x96 caf\xe9 ?) Tj");
  });
});
