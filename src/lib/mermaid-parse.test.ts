import { describe, expect, it } from "vitest";
import { parseMermaid } from "./mermaid-parse";

// The first parse loads Mermaid (several MB of modules), which takes seconds in the test runner.
describe("parsing Mermaid inside the Worker", { timeout: 60_000 }, () => {
  it("accepts valid flowcharts, ER diagrams and C4 context diagrams", async () => {
    expect(await parseMermaid('flowchart TD\n  a(["Start"]) --> b{"OK?"}\n  b -->|"yes"| c["Done"]')).toEqual(
      {
        ok: true,
        diagramType: "flowchart-v2",
      },
    );
    expect(await parseMermaid("erDiagram\n  A ||--o{ B : has\n  A {\n    string id PK\n  }")).toMatchObject({
      ok: true,
    });
    expect(
      await parseMermaid('C4Context\n  Person(u, "User", "d")\n  System(s, "Sys", "d")\n  Rel(u, s, "Uses")'),
    ).toMatchObject({ ok: true, diagramType: "c4" });
  });

  it("rejects broken diagrams with the parser's message", async () => {
    const broken = await parseMermaid("flowchart TD\n  a --> ");
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/Parse error on line/);
    expect((await parseMermaid("erDiagram\n  A ||--o{ : has")).ok).toBe(false);
    expect((await parseMermaid("not a diagram at all")).ok).toBe(false);
  });
});
