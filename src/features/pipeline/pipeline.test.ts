import { describe, expect, it } from "vitest";
import { ARTIFACT_TYPES, ARTIFACTS, FACT_IDS, FACTS, stageFacts, type AgentId } from "./catalogue";
import { toBrief } from "./brief";
import { planTurn, type TurnPlan } from "./guide";
import { parseIntent } from "./intents";
import { renderReply } from "./render";
import { initialState, recordFact, type PipelineState } from "./state";
import { stageQuery } from "./research";

/** A conversation with the guide, as a user would have it; state round-trips through JSON like storage. */
function conversation(projectName?: string) {
  let state = initialState(projectName, 1_000);
  let now = 1_000;
  const say = (
    text: string,
    agent: AgentId = "product",
    agentChanged = false,
  ): TurnPlan & { reply: string } => {
    const { state: next, plan } = planTurn(state, text, { agent, agentChanged, now: ++now });
    state = JSON.parse(JSON.stringify(next)) as PipelineState;
    return { ...plan, reply: renderReply(plan, { state }) };
  };
  return {
    say,
    get state() {
      return state;
    },
  };
}

describe("the catalogue", () => {
  it("asks no question that no artifact needs, and asks every need by its artifact's stage", () => {
    const needed = new Set(ARTIFACT_TYPES.flatMap((t) => ARTIFACTS[t].needs));
    expect(FACT_IDS.filter((f) => !needed.has(f))).toEqual([]);
    for (const t of ARTIFACT_TYPES) {
      for (const f of ARTIFACTS[t].needs)
        expect(FACTS[f].stage, `${t} needs ${f}`).toBeLessThanOrEqual(ARTIFACTS[t].stage);
    }
  });

  it("fills every outline section from facts the artifact needs or uses", () => {
    for (const t of ARTIFACT_TYPES) {
      const allowed = new Set([...ARTIFACTS[t].needs, ...ARTIFACTS[t].uses]);
      for (const section of ARTIFACTS[t].outline)
        for (const f of section.facts) expect(allowed.has(f), `${t}: ${section.title} uses ${f}`).toBe(true);
    }
  });
});

describe("the guide", () => {
  it("welcomes, takes the product name from the project, and asks the first missing fact", () => {
    const c = conversation("Pantry Pal");
    const first = c.say("hello");
    expect(first.welcome).toBe(true);
    expect(first.ask).toEqual(["problem"]);
    expect(first.reply).toContain("Product guide");
    expect(first.reply).toContain("“Pantry Pal”");
    expect(first.reply).toContain(FACTS.problem.question);
  });

  it("a specialist agent's welcome offers to jump to its own stage", () => {
    const first = conversation("Acme").say("hi", "brand");
    expect(first.reply).toContain("Brand guide");
    expect(first.suggestions).toContain("stage 5");
    expect(first.ask).toEqual(["problem"]);
  });

  it("records each answer, acknowledges it and asks the next fact in stage order", () => {
    const c = conversation("Pantry Pal");
    c.say("hi");
    const t = c.say("The problem is that busy parents waste food they forgot about.");
    expect(t.recorded).toEqual([{ id: "problem", value: "busy parents waste food they forgot about." }]);
    expect(t.ask).toEqual(["goals"]);
    c.say("- Cut food waste\n- Plan meals in five minutes");
    expect(c.state.facts.goals?.items).toEqual(["Cut food waste", "Plan meals in five minutes"]);
  });

  it("extracts the product name from a sentence", () => {
    const c = conversation();
    c.say("hi");
    c.say("It's called Pantry Pal, a kitchen helper.");
    expect(c.state.facts.productName?.value).toBe("Pantry Pal");
  });

  it("asks two facts at a time when questions come first, and splits a two-part answer", () => {
    const c = conversation("Acme");
    c.say("hi");
    const switched = c.say("questions first");
    expect(switched.ask).toHaveLength(2);
    expect(switched.ask).toEqual(["problem", "goals"]);
    const t = c.say("1. Food gets wasted 2. Less waste, faster planning");
    expect(t.recorded.map((r) => r.id)).toEqual(["problem", "goals"]);
    expect(c.state.facts.goals?.items).toEqual(["Less waste", "faster planning"]);
  });

  it("fills any fact given as 'label: value', asked or not", () => {
    const c = conversation("Acme");
    c.say("hi");
    const t = c.say("Metrics: 1,000 households\nAudience: parents in cities");
    expect(t.recorded.map((r) => r.id).sort()).toEqual(["audience", "successMetrics"]);
    expect(c.state.pending).toEqual(["problem"]);
  });

  it("treats only whole short messages as commands", () => {
    expect(parseIntent("skip", { menuOpen: false, pending: ["problem"] }).kind).toBe("skip");
    expect(
      parseIntent("People skip breakfast and go back to bed", { menuOpen: false, pending: ["problem"] }).kind,
    ).toBe("answer");
    expect(parseIntent("Canvas", { menuOpen: false, pending: ["productName"] }).kind).toBe("answer");
    expect(parseIntent("lean canvas", { menuOpen: false, pending: ["goals"] })).toEqual({
      kind: "focus",
      artifact: "lean-canvas",
    });
    expect(parseIntent("Generate the PRD anyway", { menuOpen: false, pending: [] })).toEqual({
      kind: "generate",
      artifact: "prd",
      force: true,
    });
    expect(parseIntent("go back to stage 2", { menuOpen: false, pending: [] })).toEqual({
      kind: "stage",
      stage: 2,
    });
    expect(parseIntent("change the success metrics", { menuOpen: false, pending: [] })).toEqual({
      kind: "revisit",
      fact: "successMetrics",
    });
  });

  it("skips a question: it stays missing, is not asked again, and the brief marks it skipped", () => {
    const c = conversation("Acme");
    c.say("hi");
    const t = c.say("skip");
    expect(t.skipped).toEqual(["problem"]);
    expect(t.ask).toEqual(["goals"]);
    const stage1 = toBrief("p", c.state, true).stages[0]!;
    expect(stage1.missing.find((m) => m.id === "problem")).toMatchObject({ skipped: true });
  });

  it("skips the rest of a stage and moves to the next one", () => {
    const c = conversation("Acme");
    c.say("hi");
    c.say("Food waste");
    const t = c.say("skip stage");
    expect(t.stageChange).toEqual({ from: 1, to: 2, why: "skipped" });
    expect(t.ask).toEqual(["audience"]);
    expect(t.reply).toContain("stage 2");
    expect(toBrief("p", c.state, true).stages[0]!.status).toBe("skipped");
  });

  it("goes back a stage and asks the facts skipped there", () => {
    const c = conversation("Acme");
    c.say("hi");
    c.say("Food waste");
    c.say("skip stage");
    const back = c.say("back");
    expect(back.stageChange).toEqual({ from: 2, to: 1, why: "back" });
    expect(back.ask).toEqual(["goals"]);
    expect(c.state.skipped).not.toContain("goals");
  });

  it("shows a finished stage's answers when revisited, and continues from there", () => {
    const c = conversation("Acme");
    c.say("hi");
    for (const a of ["Food waste", "Less waste", "1,000 users", "Two developers"]) c.say(a);
    expect(c.state.stage).toBe(2);
    const review = c.say("stage 1");
    expect(review.review).toBe(1);
    expect(review.reply).toContain("Success metrics: 1,000 users");
    const edit = c.say("change success metrics");
    expect(edit.ask).toEqual(["successMetrics"]);
    c.say("2,000 users");
    expect(c.state.facts.successMetrics?.value).toBe("2,000 users");
    expect(c.state.stage).toBe(2);
    expect(c.state.pending).toEqual(["audience"]);
  });

  it("resumes exactly where it stopped after the state was stored and loaded", () => {
    const c = conversation("Acme");
    c.say("hi");
    c.say("Food waste");
    const later = c.say("where were we?");
    expect(later.intent).toBe("resume");
    expect(later.ask).toEqual(["goals"]);
    expect(later.reply).toContain(FACTS.goals.question);
  });

  it("explains a question with an example instead of recording a short question as the answer", () => {
    const c = conversation("Acme");
    c.say("hi");
    const t = c.say("what do you mean?");
    expect(t.recorded).toEqual([]);
    expect(t.reply).toContain(FACTS.problem.example);
    expect(c.state.pending).toEqual(["problem"]);
  });

  it("jumps to one artifact from the menu, asks only what it needs, then offers it", () => {
    const c = conversation("Acme");
    c.say("hi");
    const m = c.say("menu");
    expect(m.menu).toBe(true);
    expect(m.reply).toContain(`${ARTIFACT_TYPES.indexOf("core-values") + 1}. Core values`);
    const pick = c.say(String(ARTIFACT_TYPES.indexOf("core-values") + 1));
    expect(pick.focus).toBe("core-values");
    expect(pick.ask).toEqual(["mission", "coreValues"]);
    const done = c.say("1. No food in the bin 2. Thrift, warmth, honesty");
    expect(done.offer).toEqual(["core-values"]);
    expect(done.menu).toBe(true);
  });

  it("refuses to generate with facts missing unless asked to anyway, and then names the gaps", () => {
    const c = conversation("Acme");
    c.say("hi");
    const blocked = c.say("generate the prd");
    expect(blocked.blocked?.missing).toEqual([
      "problem",
      "audience",
      "goals",
      "keyFeatures",
      "successMetrics",
      "constraints",
    ]);
    expect(blocked.ask).toEqual(["problem"]);
    const anyway = c.say("generate prd anyway");
    expect(anyway.generate).toEqual({ type: "prd", missing: blocked.blocked!.missing });
    expect(anyway.reply).toContain("can't generate the Product requirements document here yet");
  });

  it("hands over to another agent without losing the state", () => {
    const c = conversation("Acme");
    c.say("hi");
    c.say("Food waste");
    const t = c.say("continue", "brand", true);
    expect(t.handoff).toBe(true);
    expect(t.reply).toContain("Brand guide here");
    expect(t.ask).toEqual(["goals"]);
    expect(t.suggestions).toContain("stage 5");
  });

  it("settles stage after stage and offers each stage's artifacts as they become ready", () => {
    const c = conversation("Acme");
    c.say("hi");
    for (const id of stageFacts(1).slice(1)) c.say(`answer for ${id}`);
    let last: TurnPlan | undefined;
    for (const id of stageFacts(2)) last = c.say(`answer for ${id}`);
    expect(last!.completedStages).toEqual([2]);
    expect(last!.offer).toEqual(["personas", "user-journey", "competitive-analysis"]);
    expect(last!.stageChange).toMatchObject({ from: 2, to: 3 });
  });
});

describe("research in the guide", () => {
  it("reads “research <topic>” with the topic as typed, and leaves answers that mention research alone", () => {
    expect(parseIntent("Research: Competitor PRICING in Europe!", { menuOpen: false, pending: [] })).toEqual({
      kind: "research",
      topic: "Competitor PRICING in Europe!",
    });
    expect(parseIntent("please search for meal planning apps", { menuOpen: false, pending: [] })).toEqual({
      kind: "research",
      topic: "meal planning apps",
    });
    expect(parseIntent("research", { menuOpen: false, pending: [] })).toEqual({
      kind: "research",
      topic: "",
    });
    expect(
      parseIntent("Researchers who work long hours and forget to eat lunch at their desks every day", {
        menuOpen: false,
        pending: ["audience"],
      }),
    ).toEqual({ kind: "answer" });
  });

  it("researches a research stage once when it begins, about the product's problem", () => {
    const c = conversation("Pantry Pal");
    c.say("hi");
    c.say("Busy parents throw away food.");
    c.say("Waste less");
    c.say("30% less waste");
    const entering = c.say("Two developers");
    expect(entering.stageChange).toMatchObject({ from: 1, to: 2 });
    expect(entering.research).toEqual({
      query: "Target audience and personas: Busy parents throw away food",
      auto: true,
    });
    expect(
      renderReply(entering, { state: c.state, research: { status: "started", jobId: "j", local: true } }),
    ).toContain(
      "To ground this stage, I'm researching “Target audience and personas: Busy parents throw away food” in the built-in UX knowledge base",
    );
    c.say("back");
    c.say("continue");
    expect(c.say("stage 2").research).toBeUndefined();
  });

  it("builds a stage's research query from its facts (problem, audience, kind), not from a whole message", () => {
    const s = initialState("Pantry Pal", 0);
    recordFact(
      s,
      "problem",
      "Busy parents throw away food. They forget what is in the fridge and buy twice.",
      0,
    );
    recordFact(s, "audience", "Parents of young kids in cities", 0);
    s.kind = "shop";
    expect(stageQuery(s, 2)).toBe(
      "Target audience and personas: Busy parents throw away food for Parents of young kids in cities (shop)",
    );
  });

  it("researches a topic on request, keeps asking the open question, and says when research cannot start", () => {
    const c = conversation("Pantry Pal");
    c.say("hi");
    const { state: before } = c;
    const { state, plan } = planTurn(before, "research food waste statistics", {
      agent: "product",
      agentChanged: false,
      now: 5_000,
    });
    expect(plan.research).toEqual({ query: "food waste statistics", auto: false });
    expect(plan.ask).toEqual(before.pending);
    expect(renderReply(plan, { state, research: { status: "started", jobId: "j", local: true } })).toContain(
      "I'm researching “food waste statistics” in the built-in UX knowledge base and your own artifacts",
    );
    expect(
      renderReply(plan, {
        state,
        research: { status: "unavailable", detail: "At most 10 searches a minute; wait a moment" },
      }),
    ).toContain("I couldn't start research on “food waste statistics”: At most 10 searches a minute");
  });
});

describe("the knowledge base and the catalogue", () => {
  it("recommends only artifact types the catalogue knows, for investors and developers", async () => {
    const { PROJECT_KINDS, kindKnowledge } = await import("../../lib/knowledge");
    for (const kind of PROJECT_KINDS) {
      const { investors, developers } = kindKnowledge(kind).artifactsFirst;
      for (const t of [...investors, ...developers]) expect(ARTIFACT_TYPES, `${kind}: ${t}`).toContain(t);
    }
  });
});
