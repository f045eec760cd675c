import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../lib/markdown";
import { recordFact, initialState } from "../pipeline/state";
import { ARTIFACT_FENCES } from "./export";
import { writeArtifact } from "./writer";

function facts(answers: Record<string, string>) {
  const s = initialState("Pantry Pal", 0);
  for (const [id, value] of Object.entries(answers)) recordFact(s, id as never, value, 0);
  return s.facts;
}

describe("the offline writer", () => {
  it("writes known facts into their sections and an open question for each missing one", () => {
    const w = writeArtifact({
      type: "prd",
      facts: facts({ problem: "Food goes to waste", keyFeatures: "Fridge scan, reminders, meal plan" }),
    });
    expect(w.title).toBe("Product requirements document: Pantry Pal");
    expect(w.body).toContain("## Key features\n\n- Fridge scan\n- reminders\n- meal plan");
    expect(w.body).toContain("Food goes to waste");
    expect(w.body).toContain("> **Open question: Goals.**");
    expect(w.openQuestions).toContain("goals");
    expect(w.openQuestions).not.toContain("problem");
  });

  it("draws an ER diagram from the data entities", () => {
    const w = writeArtifact({
      type: "erd",
      facts: facts({ dataEntities: "A household has members and items; an item has an expiry date" }),
    });
    expect(w.body).toContain("```mermaid\nerDiagram");
    expect(w.body).toContain("HOUSEHOLD ||--o{ MEMBER : has");
    expect(w.body).toContain("HOUSEHOLD ||--o{ ITEM : has");
    expect(w.body).toMatch(/ITEM \{\n {4}string id PK\n {4}string expiry_date/);
  });

  it("lays out a wireframe that renders to SVG, with every label escaped", () => {
    const w = writeArtifact({
      type: "wireframe",
      facts: facts({
        platforms: "iOS and Android",
        pages: "Home, Fridge, <List>",
        keyScreen: "The fridge <b>now</b>",
      }),
    });
    expect(w.body).toContain("```wireframe");
    const html = renderMarkdown(w.body, ARTIFACT_FENCES);
    expect(html).toContain('<figure class="wireframe"><svg');
    expect(html).toContain("The fridge &lt;b&gt;now&lt;/b&gt;");
    expect(html).not.toContain("<b>now</b>");
    expect(html).not.toContain("<List>");
  });

  it("leaves a damaged wireframe block as code instead of failing", () => {
    expect(renderMarkdown("```wireframe\n{not json\n```", ARTIFACT_FENCES)).toContain(
      '<pre><code class="language-wireframe">',
    );
  });
});
