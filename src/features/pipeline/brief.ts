/**
 * The project brief: what the guide has learned, per stage, what is still missing, and the step it
 * would take next. Derived from the pipeline state on every read, never stored.
 */
import { z } from "zod";
import { ARTIFACTS, FACTS, STAGES, stageArtifacts, stageFacts, type StageNumber } from "./catalogue";
import { advance, emptyPlan } from "./guide";
import { cloneState, isKnown, isSkipped, readiness, type PipelineState } from "./state";

const FactView = z.object({
  id: z.string(),
  label: z.string(),
  value: z.string(),
  items: z.array(z.string()).optional(),
});
const MissingFact = z.object({
  id: z.string(),
  label: z.string(),
  question: z.string(),
  skipped: z.boolean(),
});

export const Brief = z.object({
  projectId: z.string(),
  currentStage: z.object({ number: z.number().int(), name: z.string() }),
  style: z.string(),
  focus: z.string().nullable(),
  stages: z.array(
    z.object({
      number: z.number().int(),
      name: z.string(),
      status: z.enum(["done", "current", "skipped", "in-progress", "not-started"]),
      facts: z.array(FactView),
      missing: z.array(MissingFact),
      artifacts: z.array(
        z.object({ type: z.string(), title: z.string(), ready: z.boolean(), missing: z.array(z.string()) }),
      ),
    }),
  ),
  nextStep: z.object({
    action: z.enum(["answer", "generate", "review", "done"]),
    text: z.string(),
    facts: z.array(z.string()),
    artifacts: z.array(z.string()),
  }),
  updatedAt: z.string().nullable(),
});
export type BriefView = z.infer<typeof Brief>;

function stageStatus(s: PipelineState, n: StageNumber): BriefView["stages"][number]["status"] {
  const facts = stageFacts(n);
  if (s.stage === n) return "current";
  if (facts.every((f) => isKnown(s, f))) return "done";
  if (s.skippedStages.includes(n) || facts.every((f) => isKnown(s, f) || isSkipped(s, f))) return "skipped";
  return facts.some((f) => isKnown(s, f)) ? "in-progress" : "not-started";
}

/** What the guide would do next if the user said "continue", worked out on a copy of the state. */
function nextStep(state: PipelineState): BriefView["nextStep"] {
  const s = cloneState(state);
  const plan = emptyPlan("product");
  advance(s, plan);
  const offers = plan.offer.length
    ? plan.offer
    : s.offered.filter((t) => readiness(s, t).ready && !s.requested.some((r) => r.type === t));
  if (plan.ask.length) {
    return {
      action: "answer",
      text: plan.ask.map((f) => FACTS[f].question).join(" "),
      facts: plan.ask,
      artifacts: offers,
    };
  }
  if (offers.length) {
    return {
      action: "generate",
      text: `Generate ${offers.map((t) => ARTIFACTS[t].title).join(", ")}.`,
      facts: [],
      artifacts: offers,
    };
  }
  if (plan.menu)
    return { action: "review", text: "Pick an artifact from the menu.", facts: [], artifacts: [] };
  return {
    action: "done",
    text: "Every stage is settled; generate any artifact or revisit a stage.",
    facts: [],
    artifacts: [],
  };
}

export function toBrief(projectId: string, s: PipelineState, started: boolean): BriefView {
  return {
    projectId,
    currentStage: { number: s.stage, name: STAGES[s.stage - 1]!.name },
    style: s.style,
    focus: s.focus,
    stages: STAGES.map(({ number, name }) => ({
      number,
      name,
      status: stageStatus(s, number),
      facts: stageFacts(number).flatMap((id) => {
        const f = s.facts[id];
        return f
          ? [{ id, label: FACTS[id].label, value: f.value, ...(f.items ? { items: f.items } : {}) }]
          : [];
      }),
      missing: stageFacts(number)
        .filter((id) => !isKnown(s, id))
        .map((id) => ({
          id,
          label: FACTS[id].label,
          question: FACTS[id].question,
          skipped: isSkipped(s, id),
        })),
      artifacts: stageArtifacts(number).map((type) => {
        const r = readiness(s, type);
        return { type, title: ARTIFACTS[type].title, ready: r.ready, missing: r.missing };
      }),
    })),
    nextStep: nextStep(s),
    updatedAt: started ? new Date(s.updatedAt).toISOString() : null,
  };
}
