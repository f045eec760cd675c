/**
 * Runs a corpus conversation through the guide and scores it: the share of expected facts captured
 * cleanly, phrases of questions and commands that ended up stored as facts, generation requests
 * honoured, free questions answered with substance. Shared by the corpus tests and the bench.
 */
import type { FactId } from "../../src/features/pipeline/catalogue";
import type { TurnPlan } from "../../src/features/pipeline/guide";
import { initialState, type PipelineState } from "../../src/features/pipeline/state";
import type { CorpusConversation } from "./guide";

/** One turn of whatever guide is measured: offline, or with a (scripted) model. */
export type Turn = (
  state: PipelineState,
  text: string,
  now: number,
  index: number,
) => { state: PipelineState; plan: TurnPlan };

export interface Run {
  state: PipelineState;
  plans: TurnPlan[];
}

export function runConversation(conv: CorpusConversation, turn: Turn): Run {
  let state = initialState(conv.project, 1_000);
  const plans: TurnPlan[] = [];
  conv.turns.forEach((t, i) => {
    const next = turn(state, t.say, 1_001 + i, i);
    // Stored as JSON between turns, like the Durable Object does.
    state = JSON.parse(JSON.stringify(next.state)) as PipelineState;
    plans.push(next.plan);
  });
  return { state, plans };
}

export interface Score {
  facts: { expected: number; clean: number; misses: { fact: string; got: string | null }[] };
  /** Question and command phrases found in stored facts. */
  leaks: { phrase: string; fact: string }[];
  generation: { asked: number; honoured: number };
  questions: { asked: number; answered: number };
  kind: string | undefined;
}

const has = (value: string, phrase: string) => value.toLowerCase().includes(phrase.toLowerCase());

/**
 * An answer with substance: from the knowledge base (not its fallback), or the model's reply, a few
 * sentences long.
 */
const substantive = (plan: TurnPlan) =>
  (plan.answers ?? []).some((a) => a.topic !== "fallback" && a.text.length >= 120) ||
  (plan.modelReply?.length ?? 0) >= 120;

export function scoreRun(conv: CorpusConversation, run: Run): Score {
  const misses: Score["facts"]["misses"] = [];
  let clean = 0;
  const facts = run.state.facts;
  for (const [id, want] of Object.entries(conv.expected) as [FactId, { has: string[]; not?: string[] }][]) {
    const got = facts[id]?.value ?? null;
    const ok =
      got !== null &&
      want.has.every((p) => has(got, p)) &&
      !(want.not ?? []).some((p) => has(got, p)) &&
      !conv.nowhere.some((p) => has(got, p));
    if (ok) clean++;
    else misses.push({ fact: id, got });
  }
  const leaks: Score["leaks"] = [];
  for (const phrase of conv.nowhere)
    for (const [id, f] of Object.entries(facts))
      if (f && has(f.value, phrase)) leaks.push({ phrase, fact: id });
  let asked = 0;
  let honoured = 0;
  let questions = 0;
  let answered = 0;
  conv.turns.forEach((t, i) => {
    const plan = run.plans[i]!;
    if (t.generate) {
      asked++;
      if (plan.generate?.type === t.generate) honoured++;
    }
    if (t.question) {
      questions++;
      if (substantive(plan)) answered++;
    }
  });
  return {
    facts: { expected: Object.keys(conv.expected).length, clean, misses },
    leaks,
    generation: { asked, honoured },
    questions: { asked: questions, answered },
    kind: run.state.kind,
  };
}
