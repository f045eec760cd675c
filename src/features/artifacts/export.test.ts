import { describe, expect, it } from "vitest";
import { BRIEFS, briefFacts } from "../../../test/briefs";
import { fences } from "./checks";
import { mermaidDrawing, parseFlowchart } from "./diagram-drawing";
import { exportArtifact } from "./export";
import { writeArtifact } from "./writer";

const facts = briefFacts(BRIEFS.software);
const exportable = (type: Parameters<typeof writeArtifact>[0]["type"]) => {
  const w = writeArtifact({ type, facts });
  return { id: "a1", type, title: w.title, version: 1, updatedAt: "2026-12-03T00:00:00.000Z", body: w.body };
};
const latin1 = (b: Uint8Array | string) =>
  typeof b === "string" ? b : Array.from(b, (c) => String.fromCharCode(c)).join("");

describe("exports draw their diagrams", () => {
  for (const type of ["flowchart", "erd", "sitemap", "c4-context"] as const) {
    it(`draws the ${type} as SVG in HTML and as vector graphics in PDF, not as Mermaid source`, () => {
      const a = exportable(type);
      const html = latin1(exportArtifact(a, "html").bytes);
      expect(html).toMatch(/<figure class="mermaid"><svg [^>]*role="img"/);
      expect(html).not.toContain('<pre class="mermaid">');
      const pdf = latin1(exportArtifact(a, "pdf").bytes);
      expect(pdf).toMatch(/ re B\n/);
      expect(pdf).not.toMatch(/\((?:flowchart TD|erDiagram|C4Context)\) Tj/);
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

  it("draws the wireframe in the PDF instead of printing its JSON", () => {
    const pdf = latin1(exportArtifact(exportable("wireframe"), "pdf").bytes);
    expect(pdf).toContain("(Add by photo) Tj");
    expect(pdf).not.toContain('("viewport": "mobile",) Tj');
  });

  it("keeps a diagram it cannot read as its source, escaped", () => {
    const a = { ...exportable("flowchart"), body: "```mermaid\nsequenceDiagram\n  A->>B: <hi>\n```\n" };
    expect(latin1(exportArtifact(a, "html").bytes)).toContain(
      '<pre class="mermaid">sequenceDiagram\n  A-&gt;&gt;B: &lt;hi&gt;',
    );
  });

  it("draws the Lean Canvas as a grid of wrapped cells in the PDF", () => {
    const pdf = latin1(exportArtifact(exportable("lean-canvas"), "pdf").bytes);
    expect(pdf).toContain("(Unfair advantage) Tj");
    // Cells are bordered rectangles, and no table row is printed as one long line of pipes.
    expect((pdf.match(/ re S/g) ?? []).length).toBeGreaterThanOrEqual(12);
    expect(pdf).not.toMatch(/\(\| Problem \|/);
  });
});
