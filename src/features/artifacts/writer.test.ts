import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../lib/markdown";
import { ARTIFACT_TYPES, ARTIFACTS } from "../pipeline/catalogue";
import { planTurn } from "../pipeline/guide";
import { artifactFacts, recordFact, initialState, type PipelineState } from "../pipeline/state";
import { BRIEFS, briefFacts } from "../../../test/briefs";
import { flowchartConnected, fences, sections, structuralChecks } from "./checks";
import { ARTIFACT_FENCES } from "./export";
import { writeArtifact } from "./writer";
import { contrast } from "./writers/palette";
import { isSoftware } from "../../lib/knowledge";
import { projectKind } from "./writers/knowledge";

function facts(answers: Record<string, string>) {
  const s = initialState("Pantry Pal", 0);
  for (const [id, value] of Object.entries(answers)) recordFact(s, id as never, value, 0);
  return s.facts;
}

describe("the offline writer, on a complete brief of each kind", () => {
  for (const [kind, brief] of Object.entries(BRIEFS)) {
    const f = briefFacts(brief);
    it(`reads the ${kind} brief as a ${kind} project`, () => {
      // A freemium app is read as a subscription app, which is software.
      expect(kind === "software" ? isSoftware(projectKind(f)) : projectKind(f)).toBe(
        kind === "software" ? true : kind,
      );
    });
    for (const type of ARTIFACT_TYPES) {
      it(`writes the ${type} of the ${kind} brief with the structure a practitioner expects`, () => {
        const w = writeArtifact({ type, facts: f });
        const failed = structuralChecks(type, w.body).filter((c) => !c.pass);
        expect(failed.map((c) => c.name)).toEqual([]);
        expect(w.openQuestions).toEqual([]);
      });
    }
  }
});

describe("the offline writer", () => {
  const pantry = briefFacts(BRIEFS.software);

  it("writes personas as people, with your words shared out and the rest marked as proposals", () => {
    const body = writeArtifact({ type: "personas", facts: pantry }).body;
    const people = sections(body).get("Personas")!.split(/^### /m).slice(1);
    expect(people).toHaveLength(3);
    // Each frustration the user named lands with one persona, not repeated in all.
    for (const pain of ["forgotten leftovers", "duplicate purchases", "no time to plan"])
      expect(people.filter((p) => p.includes(`**Frustrations:** ${pain}`))).toHaveLength(1);
    // Ages fall inside the audience's range.
    for (const p of people) {
      const age = Number(/^\w+, (\d+)/.exec(p)![1]);
      expect(age).toBeGreaterThanOrEqual(28);
      expect(age).toBeLessThanOrEqual(45);
    }
    expect(body).toMatch(/\*\*Quote\*\* \*\(proposal\)\*: “/);
  });

  it("names personas to fit an audience described as women or men", () => {
    const names = (audience: string) =>
      sections(writeArtifact({ type: "personas", facts: facts({ ...BRIEFS.shop, audience }) }).body)
        .get("Personas")!
        .split(/^### /m)
        .slice(1)
        .map((p) => /^(\w+),/.exec(p)![1]);
    // The shop's customers are "Women aged 30–55 …": no Lukas or Jonas among them.
    const women = names(BRIEFS.shop.audience!);
    const men = names("Men aged 30–55 who grill at weekends");
    for (const n of women)
      expect(["Maya", "Aisha", "Sofia", "Elena", "Noor", "Clara", "Hana", "Lea"]).toContain(n);
    for (const n of men)
      expect(["Tom", "Lukas", "Ravi", "Sam", "Jonas", "Omar", "Felix", "Daniel"]).toContain(n);
  });

  it("writes the PRD's stories from the features and goals, and lists retracted items as non-goals", () => {
    const withRetraction = { ...pantry, platforms: { ...pantry.platforms!, retracted: ["A web dashboard"] } };
    const body = writeArtifact({ type: "prd", facts: withRetraction }).body;
    expect(body).toContain("As a parent, I want expiry reminders, so that I can shop once a week.");
    expect(body).toContain("- A web dashboard. (you took this out of scope)");
    expect(body).toContain("| R-W1 | A web dashboard. | Won't (this version) |");
    expect(body).toContain("| Weekly active households | 1,000 |");
  });

  it("lists what the user took back in a chat as the PRD's non-goals, not as goals or features", () => {
    let state = initialState("Fitly", 1_000);
    const say = (text: string, now: number) => {
      const next = planTurn(state, text, { agent: "product", agentChanged: false, now }).state;
      state = JSON.parse(JSON.stringify(next)) as PipelineState; // stored as JSON, like the Durable Object
    };
    say("hi", 1_001);
    say(
      "Key features: workout plans, progress charts, and a calorie tracker — actually no, drop that.",
      1_002,
    );
    say("Goals: help beginners train three times a week", 1_003);
    expect(state.retracted?.map((r) => r.value)).toEqual(["a calorie tracker"]);
    const body = writeArtifact({ type: "prd", facts: artifactFacts(state) }).body;
    const goals = sections(body).get("Goals and non-goals")!;
    const [before, nonGoals] = goals.split("**Non-goals**");
    expect(nonGoals).toContain("A calorie tracker. (you took this out of scope)");
    expect(before).not.toMatch(/calorie/i);
    // Everywhere else it appears only as out of scope (the non-goal and its "Won't" requirement).
    const mentions = body.split("\n").filter((line) => /calorie/i.test(line));
    expect(mentions.length).toBeGreaterThan(0);
    for (const line of mentions) expect(line).toMatch(/out of scope|Won't/);
  });

  it("draws a connected flowchart with a decision and its unhappy path", () => {
    const src = fences(writeArtifact({ type: "flowchart", facts: pantry }).body, "mermaid")[0]!;
    expect(flowchartConnected(src).connected).toBe(true);
    expect(src).toContain('f0s1q{"Recognised?"}');
    expect(src).toContain('f0s1q -->|"no"| f0s1n');
    expect(src).toContain("f1s2 --> done");
  });

  it("draws an ER diagram with cardinalities, foreign keys and typed attributes", () => {
    const src = fences(writeArtifact({ type: "erd", facts: pantry }).body, "mermaid")[0]!;
    expect(src).toContain("HOUSEHOLD ||--o{ MEMBER : has");
    expect(src).toContain("PLAN ||--o{ MEAL : has");
    expect(src).toMatch(/ITEM \{\n {4}string id PK\n {4}string household_id FK\n {4}date expiry_date/);
  });

  it("puts the pages the navigation names on top of the sitemap, in its order, with settings below", () => {
    const body = writeArtifact({ type: "sitemap", facts: pantry }).body;
    expect(sections(body).get("Page hierarchy")).toMatch(/^- Pantry Pal\n {2}- Fridge\n {2}- Plan\n/);
    expect(body).toMatch(/ {2}- Settings\n {4}- Account \*\(proposal\)\*/);
  });

  it("computes the palette's contrast ratios and adds a text-safe shade for a light brand colour", () => {
    const body = writeArtifact({ type: "brand-identity", facts: pantry }).body;
    expect(body).toContain("| Fresh green | #3BA55C |");
    expect(contrast("#3BA55C", "#FFFFFF")).toBeLessThan(4.5);
    const deep = /\| Fresh green, deep \*\(proposal\)\* \| (#[0-9A-F]{6}) \|/.exec(body)![1]!;
    expect(contrast(deep, "#FFFFFF")).toBeGreaterThanOrEqual(4.5);
    expect(contrast("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
  });

  it("lays the Lean Canvas out as a grid that renders as HTML tables", () => {
    const html = renderMarkdown(writeArtifact({ type: "lean-canvas", facts: pantry }).body, ARTIFACT_FENCES);
    expect((html.match(/<table>/g) ?? []).length).toBe(3);
    expect(html).toContain("<th>Unfair advantage</th>");
  });

  it("uses the budget the user gave in the go-to-market plan", () => {
    const body = writeArtifact({ type: "gtm-strategy", facts: pantry }).body;
    expect(body).toContain("From the budget you gave (€5,000)");
    expect(body).toContain("| Content and community | 40% | €2,000 |");
  });

  it("writes an open question for each needed fact that is missing, and invents no persona data", () => {
    const w = writeArtifact({ type: "prd", facts: facts({ problem: "Food goes to waste" }) });
    expect(w.openQuestions).toContain("goals");
    expect(w.openQuestions).not.toContain("problem");
    expect(w.body).toContain("> **Open question: Goals.**");
    expect(sections(w.body).get("Open questions")).toContain("**Key features:**");
  });

  it("lays out a wireframe of the key screen that renders to SVG, with every label escaped", () => {
    const w = writeArtifact({
      type: "wireframe",
      facts: facts({
        platforms: "iOS and Android",
        pages: "Home, Fridge, <List>",
        keyScreen: "The fridge <b>now</b>: items by expiry, add by photo",
      }),
    });
    const html = renderMarkdown(w.body, ARTIFACT_FENCES);
    expect(html).toContain('<figure class="wireframe"><svg');
    expect(html).toContain("Add by photo");
    expect(html).toContain("Fridge &lt;b&gt;now&lt;/b&gt;");
    expect(html).not.toContain("<b>now</b>");
    expect(html).not.toContain("<List>");
  });

  it("leaves a damaged wireframe block as code instead of failing", () => {
    expect(renderMarkdown("```wireframe\n{not json\n```", ARTIFACT_FENCES)).toContain(
      '<pre><code class="language-wireframe">',
    );
  });
});

describe("regenerate with feedback, offline", () => {
  const pantry = briefFacts(BRIEFS.software);
  const full = writeArtifact({ type: "gtm-strategy", facts: pantry });

  it("makes a shorter version that keeps every required section", () => {
    const prd = writeArtifact({ type: "prd", facts: pantry });
    const w = writeArtifact({ type: "prd", facts: pantry, instructions: "Make it shorter" });
    expect(w.body.length).toBeLessThan(prd.body.length * 0.7);
    expect(structuralChecks("prd", w.body).find((c) => c.name === "outline sections in order")!.pass).toBe(
      true,
    );
    expect(w.feedback).toContain("shorter");
  });

  it("removes what it is asked to remove", () => {
    const w = writeArtifact({
      type: "gtm-strategy",
      facts: pantry,
      instructions: "remove Instagram creators",
    });
    expect(full.body).toContain("Instagram creators");
    expect(w.body.slice(w.body.indexOf("\n## "))).not.toContain("Instagram creators");
    expect(w.feedback).toBe("Removed “instagram creators”.");
  });

  it("puts the focus first", () => {
    const w = writeArtifact({ type: "gtm-strategy", facts: pantry, instructions: "focus on the budget" });
    expect([...sections(w.body).keys()][0]).toBe("Budget");
  });

  it("says plainly when a request needs a model", () => {
    const w = writeArtifact({ type: "prd", facts: pantry, instructions: "rewrite it as a poem" });
    expect(w.feedback).toContain("needs a language model");
    expect(w.body).toContain("needs a language model");
  });
});

describe("the catalogue", () => {
  it("has a writer section for every outline title, for every type", () => {
    for (const type of ARTIFACT_TYPES) {
      const titles = [...sections(writeArtifact({ type, facts: {} }).body).keys()];
      for (const s of ARTIFACTS[type].outline) expect(titles, `${type}: ${s.title}`).toContain(s.title);
    }
  });
});
