import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BRIEFS, briefFacts } from "../../../test/briefs";
import { readPdf } from "../../../test/pdf-text";
import { assetFonts } from "../../lib/pdf-fonts";
import { fences } from "./checks";
import { mermaidDrawing, parseFlowchart } from "./diagram-drawing";
import { exportArtifact } from "./export";
import { writeArtifact } from "./writer";

const facts = briefFacts(BRIEFS.software);
const exportable = (type: Parameters<typeof writeArtifact>[0]["type"]) => {
  const w = writeArtifact({ type, facts });
  return { id: "a1", type, title: w.title, version: 1, updatedAt: "2026-12-03T00:00:00.000Z", body: w.body };
};
const fonts = assetFonts(env.ASSETS);
const exported = async (a: ReturnType<typeof exportable>, format: "html" | "pdf") =>
  (await exportArtifact(a, format, fonts)).bytes;
const html = async (a: ReturnType<typeof exportable>) => String(await exported(a, "html"));
/** The PDF's text as a reader copies it, and its drawing operators (inflated), to look for figures. */
const pdf = async (a: ReturnType<typeof exportable>) => {
  const bytes = (await exported(a, "pdf")) as Uint8Array;
  return { ...(await readPdf(bytes)), ops: await pageOps(bytes) };
};
async function pageOps(bytes: Uint8Array): Promise<string> {
  const raw = Array.from(bytes, (c) => String.fromCharCode(c)).join("");
  let ops = "";
  for (const m of raw.matchAll(/<< \/Length (\d+) \/Filter \/FlateDecode >>\nstream\n/g)) {
    const data = bytes.subarray(m.index + m[0].length, m.index + m[0].length + Number(m[1]));
    const s = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"));
    ops += new TextDecoder("latin1").decode(await new Response(s).arrayBuffer());
  }
  return ops;
}

describe("exports draw their diagrams", () => {
  for (const type of ["flowchart", "erd", "sitemap", "c4-context"] as const) {
    it(`draws the ${type} as SVG in HTML and as vector graphics in PDF, not as Mermaid source`, async () => {
      const a = exportable(type);
      const page = await html(a);
      expect(page).toMatch(/<figure class="mermaid"><svg [^>]*role="img"/);
      expect(page).not.toContain('<pre class="mermaid">');
      const doc = await pdf(a);
      expect(doc.ops).toMatch(/ re B\n/);
      expect(doc.text).not.toMatch(/flowchart TD|erDiagram|C4Context/);
      expect(doc.blank).toEqual([]);
    });
  }

  it("draws every node and edge of the flowchart it parsed", () => {
    const src = fences(exportable("flowchart").body, "mermaid")[0]!;
    const g = parseFlowchart(src)!;
    const d = mermaidDrawing(src)!;
    expect(d.items.filter((i) => i.kind === "box")).toHaveLength(g.nodes.size);
    expect(d.items.filter((i) => i.kind === "line")).toHaveLength(g.edges.length);
    expect(g.edges.find((e) => e.label === "no")).toBeDefined();
  });

  it("draws the wireframe in the PDF instead of printing its JSON", async () => {
    const doc = await pdf(exportable("wireframe"));
    expect(doc.text.split("\n")).toContain("Add by photo");
    expect(doc.text).not.toContain('"viewport": "mobile",');
  });

  it("draws non-Latin labels in PDF diagrams and keeps them as text", async () => {
    const body =
      "Café Zoë plans a pop-up.\n\n```mermaid\nflowchart TD\n  A[Start in Łódź] --> B{東京へ?}\n  B -->|да| C[Καλημέρα]\n```\n";
    const doc = await pdf({ ...exportable("flowchart"), body });
    for (const label of ["Café Zoë plans a pop-up.", "Start in Łódź", "東京へ?", "Καλημέρα", "да"])
      expect(doc.text.split("\n")).toContain(label);
    expect(doc.blank).toEqual([]);
  });

  it("keeps a diagram it cannot read as its source, escaped", async () => {
    const a = { ...exportable("flowchart"), body: "```mermaid\nsequenceDiagram\n  A->>B: <hi>\n```\n" };
    expect(await html(a)).toContain('<pre class="mermaid">sequenceDiagram\n  A-&gt;&gt;B: &lt;hi&gt;');
  });

  it("draws the Lean Canvas as a grid of wrapped cells in the PDF", async () => {
    const doc = await pdf(exportable("lean-canvas"));
    expect(doc.text.split("\n")).toContain("Unfair advantage");
    // Cells are bordered rectangles, and no table row is printed as one long line of pipes.
    expect((doc.ops.match(/ re S/g) ?? []).length).toBeGreaterThanOrEqual(12);
    expect(doc.text).not.toMatch(/\| Problem \|/);
  });
});
