import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { readPdf } from "../../test/pdf-text";
import { renderPdf } from "./pdf";
import { assetFonts } from "./pdf-fonts";

const fonts = assetFonts(env.ASSETS);
const PAGE_RIGHT = 595 - 56;

describe("renderPdf", () => {
  it("writes a PDF whose text reads back, with a valid cross-reference table and the title", async () => {
    const bytes = await renderPdf(
      "Checkout PRD",
      "# Problem\nPeople abandon carts (a lot).\n\n- Fast\n- Safe",
      {},
      fonts,
    );
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 8));
    expect(head).toBe("%PDF-1.4");
    const pdf = await readPdf(bytes);
    expect(pdf.text.split("\n")).toEqual([
      "Checkout PRD",
      "Problem",
      "People abandon carts (a lot).",
      "• Fast",
      "• Safe",
    ]);
    expect(pdf.unembedded).toEqual([]);
    expect(pdf.blank).toEqual([]);
    // Fonts are subsets (a six-letter tag), and a PDF of plain Latin stays small.
    for (const f of pdf.fonts) expect(f).toMatch(/^[A-Z]{6}\+/);
    expect(bytes.length).toBeLessThan(30_000);
  });

  it("keeps accents, Polish, Greek, Cyrillic, Japanese and Arabic, drawn by embedded glyphs", async () => {
    const lines = ["Café Zoë in Łódź", "Καλημέρα κόσμε", "Привет, мир", "東京の店舗", "مرحبا بالعالم"];
    const pdf = await readPdf(await renderPdf("Zoë’s “brief” — 東京", lines.join("\n\n"), {}, fonts));
    expect(pdf.lines[0]!.text).toBe("Zoë’s “brief” — 東京");
    for (const l of lines.slice(0, 4)) expect(pdf.text).toContain(l);
    // Arabic is drawn right to left in its joined forms; read in reverse it is the sentence again.
    const arabic = pdf.lines.find((l) => /[\u0600-\u06ff]/.test(l.text))!;
    expect(arabic.glyphs.reverse().join("")).toBe("مرحبا بالعالم");
    expect(pdf.blank).toEqual([]);
    expect(pdf.unembedded).toEqual([]);
    expect(pdf.fonts.some((f) => f.includes("jp"))).toBe(true);
    expect(pdf.fonts.some((f) => f.includes("arabic"))).toBe(true);
  });

  it("keeps Korean and Hebrew too, Hebrew drawn right to left", async () => {
    const pdf = await readPdf(await renderPdf("서울 가게", "서울의 작은 가게\n\nשלום עולם", {}, fonts));
    expect(pdf.text).toContain("서울의 작은 가게");
    const hebrew = pdf.lines.find((l) => /[\u0590-\u05ff]/.test(l.text))!;
    expect(hebrew.glyphs.reverse().join("")).toBe("שלום עולם");
    expect(pdf.text).not.toContain("?");
    expect(pdf.blank).toEqual([]);
    expect(pdf.fonts.some((f) => f.includes("kr"))).toBe(true);
    expect(pdf.fonts.some((f) => f.includes("hebrew"))).toBe(true);
  });

  it("wraps paragraphs, table cells and code to the page in every script", async () => {
    const para = Array.from({ length: 12 }, () => "Łódź Καλημέρα Привет 東京都の小さな店").join(" ");
    const code = `\`\`\`text\n${"const x = 'Zoë';".repeat(12)}\n\`\`\``;
    const table = `| Persona | Quote |\n| --- | --- |\n| Zoë | ${para} |`;
    const pdf = await readPdf(await renderPdf("Wrap", `${para}\n\n${code}\n\n${table}`, {}, fonts));
    expect(pdf.lines.length).toBeGreaterThan(10);
    for (const l of pdf.lines) expect(l.x + l.width).toBeLessThanOrEqual(PAGE_RIGHT + 0.5);
    expect(pdf.text.replace(/\n/g, " ")).toContain("Łódź Καλημέρα Привет 東京都の小さな店");
    expect(pdf.text.replace(/\n/g, "")).toContain("const x = 'Zoë';".repeat(3));
  });

  it("breaks long documents into pages", async () => {
    const md = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}`).join("\n\n");
    const pdf = await readPdf(await renderPdf("Long", md, {}, fonts));
    expect(pdf.pageCount).toBeGreaterThan(2);
    expect(pdf.text).toContain("Paragraph 199");
  });

  it("draws bold text a fallback font shows, and shows ? for what no font has", async () => {
    const pdf = await readPdf(await renderPdf("東京 plan", "## 東京 launch\n\nEmoji 🙂 here", {}, fonts));
    expect(pdf.text).toContain("東京 launch");
    expect(pdf.text).toContain("Emoji ? here");
    expect(pdf.blank).toEqual([]);
  });
});
